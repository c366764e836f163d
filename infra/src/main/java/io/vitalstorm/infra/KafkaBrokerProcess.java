package io.vitalstorm.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A single-node KRaft Kafka (plaintext, the configuration of {@link KafkaKraftBroker}) in a JVM of its own, for the
 * fault tests that freeze, kill and restart it. The log directory is formatted once; a restart keeps its ports,
 * its log directory and so its topics, records and committed offsets, as a real broker would.
 */
public final class KafkaBrokerProcess extends ChildProcessServer {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String MAIN = "kafka.Kafka";

    private final Path dir;
    /** Never started in this JVM: only its configuration and formatted log directory are used. */
    private final KafkaKraftBroker config;
    private boolean formatted;
    private KafkaTopicAdmin admin;

    public KafkaBrokerProcess(Path dir) {
        this.dir = dir.toAbsolutePath();
        this.config = new KafkaKraftBroker(this.dir);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public synchronized void start() throws Exception {
        Files.createDirectories(dir);
        if (!formatted) {
            config.prepare();
            formatted = true;
        }
        process = ChildProcess.start(name(), ChildJvm.command(dir, "512m",
                        List.of("-Dkafka.logs.dir=" + dir.resolve("server-logs")), MAIN,
                        List.of(config.configFile().toString())),
                dir, dir.resolve("kafka.log"), STOP_GRACE);
        if (admin == null) {
            admin = new KafkaTopicAdmin(bootstrapServers(), Map.of());
        }
        Await.until("kafka on " + address(), READY_TIMEOUT, () -> {
            process.checkAlive();
            return admin.brokerUnfenced();
        }, () -> "; kafka output:\n" + process.outputTail(40));
    }

    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    @Override
    public String address() {
        return config.address();
    }

    /** As {@link KafkaKraftBroker#createTopics}. */
    public synchronized void createTopics(Map<String, Integer> partitionsByTopic) throws Exception {
        admin.createTopics(partitionsByTopic);
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        super.close();
    }
}
