package io.freshet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on a real HDFS: a MiniDFSCluster with one datanode, started once for the class. */
class HdfsModelStoreIT extends ModelStoreContract {
    private static MiniDFSCluster cluster;
    private static Configuration clusterConf;

    @BeforeAll
    static void startHdfs() throws IOException {
        File base = Paths.get("target", "minidfs", HdfsModelStoreIT.class.getSimpleName()).toAbsolutePath().toFile();
        FileUtil.fullyDelete(base);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getPath());
        conf.setInt("dfs.replication", 1);
        // A client closing a file waits for the datanode's block report, first retrying after 400 ms; both
        // settings keep the mini cluster's small writes from paying that wait (neither changes semantics
        // the store relies on).
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        conf.setInt("dfs.namenode.file.close.num-committed-allowed", 1);
        cluster = new MiniDFSCluster.Builder(conf, base).numDataNodes(1).build();
        cluster.waitActive();
        clusterConf = new Configuration(cluster.getConfiguration(0));
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Override
    protected String newStoreLocation(String testName) {
        return cluster.getURI() + "/stores/" + testName;
    }

    @Override
    protected Configuration conf() {
        return clusterConf;
    }

    @Override
    protected int concurrentRounds() {
        return 20;
    }

    @Test
    void aLockFileStillBeingWrittenCountsAsHeld() throws IOException {
        VersionId a = publish();
        // HDFS answers create(path, false) on a file still open for writing with AlreadyBeingCreatedException,
        // not FileAlreadyExistsException.
        try (FSDataOutputStream half = fs.create(new Path(root, "_lock"), false)) {
            half.write("host=slow-writer\n".getBytes(StandardCharsets.UTF_8));
            half.hflush();

            StoreLockedException e = assertThrows(StoreLockedException.class, () -> store.promote(a));

            assertTrue(e.getMessage().contains("slow-writer"), e.getMessage());
        }
        assertEquals(Optional.empty(), store.pointer());
    }

    @Test
    void thePointerIsReplacedWithoutLeavingItsTemporary() {
        VersionId a = publish();
        VersionId b = publish();
        store.promote(a);
        store.promote(b);
        assertEquals(Optional.of(b), store.pointer());
        assertEquals(0, store.cleanTemporaries(Duration.ZERO));
    }
}
