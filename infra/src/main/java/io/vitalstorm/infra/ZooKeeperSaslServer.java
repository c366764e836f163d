package io.vitalstorm.infra;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A standalone ZooKeeper that admits only clients that log in with SASL DIGEST-MD5
 * ({@code zookeeper.enforce.auth.schemes=sasl}), as a separate JVM: the SASL provider, the
 * enforcement switches and the server's JAAS section are JVM-wide, and must not leak into the
 * shared open server of the tests. The users and their passwords are in a 0600 JAAS file in the
 * data directory, never on the command line. Client port on 127.0.0.1 only, no AdminServer.
 */
public final class ZooKeeperSaslServer implements LocalServer {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path dataDir;
    private final Map<String, String> users;
    /** Certificate of a server with a TLS port only (Netty, {@code secureClientPort}); null: plaintext. */
    private final LoopbackCertificates tls;
    private int port;
    private ChildProcess process;

    /** {@code users}: name to password (letters and digits), e.g. operator, topology, intruder. */
    public ZooKeeperSaslServer(Path dataDir, Map<String, String> users) {
        this(dataDir, users, null);
    }

    private ZooKeeperSaslServer(Path dataDir, Map<String, String> users, LoopbackCertificates tls) {
        this.dataDir = dataDir;
        this.users = Map.copyOf(users);
        this.tls = tls;
    }

    /**
     * The same server with a TLS client port only ({@code secureClientPort}, Netty connection factory,
     * no plaintext {@code clientPort}); store passwords by file ({@code ssl.*.passwordPath}).
     */
    public ZooKeeperSaslServer withTls(LoopbackCertificates certificates) {
        return new ZooKeeperSaslServer(dataDir, users, certificates);
    }

    private List<String> portLines() {
        if (tls == null) {
            return List.of("clientPort=" + port, "clientPortAddress=" + FreePorts.LOOPBACK);
        }
        return List.of("secureClientPort=" + port, "secureClientPortAddress=" + FreePorts.LOOPBACK,
                "ssl.keyStore.location=" + tls.keystore(), "ssl.keyStore.type=PKCS12",
                "ssl.keyStore.passwordPath=" + tls.keystore().resolveSibling("keystore.password"),
                "ssl.trustStore.location=" + tls.truststore(), "ssl.trustStore.type=PKCS12",
                "ssl.trustStore.passwordPath=" + tls.truststorePasswordFile(),
                // the server authenticates clients by SASL, not by certificate
                "ssl.clientAuth=none");
    }

    private boolean ready() throws Exception {
        process.checkAlive();
        return ZooKeeperServerRunner.standalone(
                tls == null ? new java.net.Socket() : tls.clientContext().getSocketFactory().createSocket(), port);
    }

    @Override
    public String name() {
        return "zookeeper-sasl";
    }

    @Override
    public synchronized void start() throws Exception {
        Files.createDirectories(dataDir.resolve("data"));
        port = FreePorts.next();
        Path config = dataDir.resolve("zoo.cfg");
        List<String> lines = new ArrayList<>(List.of("tickTime=2000", "dataDir=" + dataDir.resolve("data"),
                "admin.enableServer=false", "4lw.commands.whitelist=srvr"));
        lines.addAll(portLines());
        lines.add("");
        Files.writeString(config, String.join("\n", lines), StandardCharsets.UTF_8);
        Path jaas = LoopbackCertificates.writeSecret(dataDir.resolve("server-jaas.conf"), jaasServerSection());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + dataDir,
                "-Djava.security.auth.login.config=" + jaas,
                "-Dzookeeper.authProvider.sasl=org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
                "-Dzookeeper.enforce.auth.enabled=true",
                "-Dzookeeper.enforce.auth.schemes=sasl",
                // FIPS mode (3.9's default) turns DIGEST-MD5 off
                "-Dzookeeper.fips-mode=false",
                // the secure client port needs Netty (the NIO factory has no TLS)
                "-Dzookeeper.serverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory",
                "-cp", System.getProperty("java.class.path"),
                "org.apache.zookeeper.server.ZooKeeperServerMain", config.toString()));
        process = ChildProcess.start(name(), command, dataDir, dataDir.resolve("zookeeper.out"), STOP_GRACE);
        Await.until(name() + " on " + address(), READY_TIMEOUT, this::ready, () -> process.outputTail(40));
    }

    private String jaasServerSection() {
        StringBuilder b = new StringBuilder("Server {\n  org.apache.zookeeper.server.auth.DigestLoginModule required");
        users.forEach((user, password) -> {
            if (!user.matches("[A-Za-z0-9_-]+") || !password.matches("[A-Za-z0-9]+")) {
                throw new IllegalArgumentException("ZooKeeper SASL users and passwords: letters and digits only");
            }
            b.append("\n  user_").append(user).append("=\"").append(password).append('"');
        });
        return b.append(";\n};\n").toString();
    }

    public String connectString() {
        return address();
    }

    @Override
    public String address() {
        return FreePorts.LOOPBACK + ":" + port;
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /** For diagnostics in a failing test. */
    public String outputTail() {
        return process == null ? "" : process.outputTail(60);
    }
}
