package io.freshet.predictor.kafka;

import io.freshet.predictor.JvmProcess;
import io.freshet.predictor.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Kafka broker for a test: KRaft combined mode (broker and controller in one node), in a JVM of its own
 * started from kafka-test-broker's classpath (a Kafka 4 broker cannot share a JVM with Spark's kafka-clients),
 * listening on free loopback ports, its data and log under the test's directory. {@link #start} formats the
 * storage, starts the server and returns once an admin client in this JVM can list topics.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    /** The broker logs at WARN into its log file, like every test JVM. */
    private static final String LOGGING = String.join("\n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.out.ref = out",
            "appender.out.type = Console",
            "appender.out.name = out",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n",
            "");

    private final JvmProcess process;
    private final String bootstrap;
    private final Admin admin;

    private KafkaBroker(JvmProcess process, String bootstrap, Admin admin) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.admin = admin;
    }

    /** Formats a new single-node cluster under {@code dir} and starts it. */
    public static KafkaBroker start(Path dir) throws InterruptedException {
        int port = freePort();
        int controllerPort = freePort();
        Path config = dir.resolve("server.properties");
        Path logging = dir.resolve("log4j2.properties");
        write(config, serverProperties(port, controllerPort, dir.resolve("data")));
        write(logging, LOGGING);
        String classpath = brokerClasspath();
        List<String> jvm = List.of("-Xmx512m", "-Dlog4j2.configurationFile=" + logging.toUri());
        try (JvmProcess format = JvmProcess.start("kafka-storage format", dir.resolve("format.log"), Map.of(), jvm,
                classpath, "kafka.tools.StorageTool", List.of("format", "--cluster-id", Uuid.randomUuid().toString(),
                        "--config", config.toString(), "--standalone"))) {
            int exit = format.waitFor(START_TIMEOUT);
            if (exit != 0) {
                throw new IllegalStateException("kafka-storage format exited " + exit + ":\n" + format.tail());
            }
        }
        String bootstrap = "127.0.0.1:" + port;
        JvmProcess server = JvmProcess.start("kafka broker", dir.resolve("broker.log"), Map.of(), jvm, classpath,
                "kafka.Kafka", List.of(config.toString()));
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
        KafkaBroker broker = new KafkaBroker(server, bootstrap, admin);
        try {
            server.await("the broker to answer an admin client on " + bootstrap, START_TIMEOUT, broker::answers);
        } catch (AssertionError | InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code 127.0.0.1:PORT}, for bootstrap.servers and kafka:// endpoints. */
    public String bootstrap() {
        return bootstrap;
    }

    /** Creates a topic with one replica and waits until the controller has accepted it. */
    public void createTopic(String name, int partitions) throws InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name + " on " + bootstrap + ": " + e, e);
        }
    }

    /** Writes {@code values} to {@code topic}, value i into partition i mod {@code partitions}; waits for every ack. */
    public void produce(String topic, int partitions, List<String> values) throws InterruptedException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, i % partitions, null, values.get(i))));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(1, TimeUnit.MINUTES);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot produce to " + topic + " on " + bootstrap + ": " + e, e);
        }
    }

    /** The broker's own log, for failure messages. */
    public String tail() {
        return process.tail();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        process.close();
    }

    private boolean answers() {
        try {
            admin.listTopics(new ListTopicsOptions().timeoutMs(2000)).names().get();
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private static String serverProperties(int port, int controllerPort, Path data) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + data,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "min.insync.replicas=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "");
    }

    private static String brokerClasspath() {
        Path f = ProjectPaths.root().resolve("kafka-test-broker/target/broker-classpath.txt");
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException(f + " is missing: build the kafka-test-broker module first "
                    + "(mvn -pl predictor-cli -am verify builds it)");
        }
        try {
            return Files.readString(f).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
