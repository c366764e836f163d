package io.vitalstorm.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka (KRaft, combined broker + controller) inside this JVM, both
 * listeners on 127.0.0.1. {@link #saslSsl} starts it secured: the client (and inter-broker)
 * listener is SASL_SSL with SCRAM-SHA-512 users created at format time ({@code --add-scram}), a
 * throwaway certificate made with keytool, and the standard authorizer (no ACL, no access; the
 * broker's own {@code admin} user is the super user).
 */
public final class KafkaKraftBroker implements LocalServer {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120); // 40 s seen on a busy 2-core machine
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_PARTITIONS = 4;

    /** The broker's own SCRAM user, super user of the secured broker. */
    public static final String ADMIN_USER = "admin";

    private final Path dataDir;
    /** SCRAM users and passwords of a secured broker; null for plaintext. */
    private final Map<String, String> scramUsers;
    private final String adminPassword = LoopbackCertificates.randomSecret();
    private LoopbackCertificates certificates;
    private int port;
    private KafkaRaftServer server;
    private KafkaTopicAdmin admin;

    public KafkaKraftBroker(Path dataDir) {
        this(dataDir, null);
    }

    private KafkaKraftBroker(Path dataDir, Map<String, String> scramUsers) {
        this.dataDir = dataDir;
        this.scramUsers = scramUsers == null ? null : Map.copyOf(scramUsers);
    }

    /** A broker that only speaks SASL_SSL (SCRAM-SHA-512) to clients; {@code scramUsers}: name to password. */
    public static KafkaKraftBroker saslSsl(Path dataDir, Map<String, String> scramUsers) {
        if (scramUsers.containsKey(ADMIN_USER)) {
            throw new IllegalArgumentException("'" + ADMIN_USER + "' is the broker's own user");
        }
        return new KafkaKraftBroker(dataDir, scramUsers);
    }

    private boolean secured() {
        return scramUsers != null;
    }

    /** The secured broker's certificate and trust store (null for plaintext). */
    public LoopbackCertificates certificates() {
        return certificates;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public synchronized void start() throws Exception {
        Properties props = prepare();
        // Kafka calls System.exit/halt on fatal errors; here that would kill the test JVM
        Exit.setExitProcedure(KafkaKraftBroker::refuseExit);
        Exit.setHaltProcedure(KafkaKraftBroker::refuseExit);
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        admin = new KafkaTopicAdmin(bootstrapServers(),
                secured() ? saslClientProperties(ADMIN_USER, adminPassword) : Map.of());
        Await.until("kafka on " + address(), READY_TIMEOUT, admin::brokerUnfenced, () -> "");
    }

    /**
     * Picks the ports, writes {@link #configFile()} and formats the log directory: what a broker starts
     * from, in this JVM or in a child JVM ({@link KafkaBrokerProcess}).
     */
    synchronized Properties prepare() throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        port = FreePorts.next();
        if (secured()) {
            certificates = LoopbackCertificates.generate(dataDir.resolve("tls"), "vitalstorm-test-kafka");
        }
        Properties props = brokerProperties(FreePorts.next());
        format(props);
        return props;
    }

    Path configFile() {
        return dataDir.resolve("server.properties");
    }

    private Properties brokerProperties(int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + FreePorts.LOOPBACK + ":" + controllerPort);
        props.put("controller.listener.names", "CONTROLLER");
        String client = secured() ? "SASL_SSL" : "PLAINTEXT";
        props.put("listeners",
                client + "://" + address() + ",CONTROLLER://" + FreePorts.LOOPBACK + ":" + controllerPort);
        props.put("advertised.listeners", client + "://" + address());
        props.put("inter.broker.listener.name", client);
        props.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        if (secured()) {
            props.putAll(securityProperties());
        }
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("num.partitions", String.valueOf(DEFAULT_PARTITIONS));
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        // fewer internal partitions: the first consumer group and transaction start faster
        props.put("offsets.topic.num.partitions", String.valueOf(DEFAULT_PARTITIONS));
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", String.valueOf(DEFAULT_PARTITIONS));
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    /**
     * SASL_SSL with SCRAM-SHA-512 on the client listener, the broker itself as {@code admin}. The
     * controller listener stays PLAINTEXT on loopback: KRaft cannot use SCRAM there (the
     * credentials live in the metadata it serves), so its anonymous principal is a super user too.
     */
    private Properties securityProperties() {
        Properties props = new Properties();
        props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        props.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        props.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(ADMIN_USER, adminPassword));
        props.put("ssl.keystore.location", certificates.keystore().toString());
        props.put("ssl.keystore.type", "PKCS12");
        props.put("ssl.keystore.password", certificates.keystorePassword());
        props.put("ssl.key.password", certificates.keystorePassword());
        props.put("ssl.truststore.location", certificates.truststore().toString());
        props.put("ssl.truststore.type", "PKCS12");
        props.put("ssl.truststore.password", certificates.truststorePassword());
        props.put("ssl.client.auth", "none");
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("super.users", "User:" + ADMIN_USER + ";User:ANONYMOUS");
        props.put("allow.everyone.if.no.acl.found", "false");
        return props;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /**
     * Inline client properties for {@code user} on the secured broker: for the broker's own admin
     * client and for tests that must show a wrong password refused. Clients of the project use
     * file references (KafkaSecurity) instead.
     */
    public Map<String, Object> saslClientProperties(String user, String password) {
        if (!secured()) {
            throw new IllegalStateException("kafka runs plaintext");
        }
        Map<String, Object> p = new HashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", jaas(user, password));
        p.put("ssl.truststore.location", certificates.truststore().toString());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.password", certificates.truststorePassword());
        return p;
    }

    /** The super user's client properties: for tests that read what no VitalStorm principal may. */
    public Map<String, Object> adminClientProperties() {
        return saslClientProperties(ADMIN_USER, adminPassword);
    }

    /** Grants access on the secured broker (through its super-user admin client). */
    public synchronized void createAcls(Collection<AclBinding> acls) throws Exception {
        if (admin == null) {
            throw new IllegalStateException("kafka is not running");
        }
        admin.admin().createAcls(acls).all().get(TOPIC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Formats the log directory like `kafka-storage format` (execute, since main() exits). */
    private void format(Properties props) throws IOException {
        Path config = configFile();
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "generated by " + getClass().getSimpleName());
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            List<String> args =
                    new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
            if (secured()) {
                // SCRAM credentials go into the bootstrap metadata: the broker authenticates from its first start
                Map<String, String> users = new HashMap<>(scramUsers);
                users.put(ADMIN_USER, adminPassword);
                users.forEach((user, password) -> {
                    args.add("--add-scram");
                    args.add("SCRAM-SHA-512=[name=" + user + ",password=" + password + "]");
                });
            }
            status = StorageTool.execute(args.toArray(String[]::new), print);
        }
        if (status != 0) {
            throw new IllegalStateException("formatting the Kafka log dir failed (" + status + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static void refuseExit(int status, String message) {
        throw new IllegalStateException("embedded Kafka asked the JVM to exit (" + status + "): " + message);
    }

    /** "127.0.0.1:port" of the client listener (PLAINTEXT, or SASL_SSL when secured). */
    public String bootstrapServers() {
        return address();
    }

    @Override
    public String address() {
        return FreePorts.LOOPBACK + ":" + port;
    }

    /**
     * Creates the topics that do not exist yet (replication factor 1) and waits until every
     * partition has a leader. An existing topic with another partition count is an error.
     */
    public synchronized void createTopics(Map<String, Integer> partitionsByTopic) throws Exception {
        if (admin == null) {
            throw new IllegalStateException("kafka is not running");
        }
        admin.createTopics(partitionsByTopic);
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                System.err.println("[infra] kafka: shutdown failed: " + e);
            }
            server = null;
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }
}
