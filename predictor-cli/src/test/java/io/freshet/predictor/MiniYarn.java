package io.freshet.predictor;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A MiniYARNCluster, one ResourceManager and one NodeManager on loopback, in a JVM of its own that {@link YarnCluster}
 * starts. Its work directories go under the system property test.build.data; its client configuration is written to
 * {@code CONF_DIR/yarn-site.xml} (what HADOOP_CONF_DIR names for the launchers) once every NodeManager has joined, then
 * {@code CONF_DIR/ready} appears. SIGTERM stops the cluster. The default file system stays the local one, so Spark's
 * YARN client localizes its jars from where they are instead of copying them.
 *
 * <p>Usage: MiniYarn CONF_DIR NODE_MANAGER_MB NODE_MANAGER_VCORES
 */
public final class MiniYarn {
    private MiniYarn() {
    }

    /** Exits 1 when the cluster cannot start: its threads would otherwise keep this JVM alive with nothing to serve. */
    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | LinkageError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path confDir = Files.createDirectories(Path.of(args[0]));
        YarnConfiguration conf = new YarnConfiguration();
        conf.set("fs.defaultFS", "file:///");
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
        conf.setInt(YarnConfiguration.NM_PMEM_MB, Integer.parseInt(args[1]));
        conf.setInt(YarnConfiguration.NM_VCORES, Integer.parseInt(args[2]));
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, Integer.parseInt(args[1]));
        // Java 17 reserves far more virtual memory than its heap: YARN's virtual-memory check would kill every JVM.
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        // A build machine's disk may be fuller than the NodeManager's default 90%: that would mark the node unhealthy.
        conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100f);
        // FIFO: no queues to configure, and no cap on ApplicationMasters' share (the capacity scheduler's 10% of 4 GiB
        // would not start a second one while the stream's runs).
        conf.set(YarnConfiguration.RM_SCHEDULER,
                "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
        conf.set("yarn.resourcemanager.hostname", "localhost");
        conf.set("yarn.nodemanager.hostname", "localhost");

        MiniYARNCluster cluster = new MiniYARNCluster("freshet-yarn", 1, 1, 1);
        cluster.init(conf);
        cluster.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.stop();
            stopped.countDown();
        }, "mini-yarn-stop"));
        // start() can return before the ResourceManager has put its bound address (not :0) into the configuration.
        while (cluster.getConfig().get(YarnConfiguration.RM_ADDRESS, ":0").endsWith(":0")) {
            Thread.sleep(100);
        }
        if (!cluster.waitForNodeManagersToConnect(60_000)) {
            throw new IllegalStateException("the NodeManager did not join the ResourceManager within a minute");
        }
        Configuration client = new Configuration(cluster.getConfig());
        try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
            client.writeXml(out);
        }
        Files.writeString(confDir.resolve("ready"), cluster.getConfig().get(YarnConfiguration.RM_ADDRESS) + "\n");
        stopped.await();
    }
}
