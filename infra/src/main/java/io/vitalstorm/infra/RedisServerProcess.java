package io.vitalstorm.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's redis-server as a child process on 127.0.0.1, no persistence. */
public final class RedisServerProcess extends ChildProcessServer {

    static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path dataDir;
    /** ACL user and password of a secured server; null: the open default user. */
    private final String aclUser;
    private final String aclPassword;
    /** Certificate of a TLS-only server; null: plaintext. */
    private final LoopbackCertificates tls;
    private final boolean requireClientCertificates;
    private int port;

    public RedisServerProcess(Path dataDir) {
        this(dataDir, null, null, null, false);
    }

    private RedisServerProcess(Path dataDir, String aclUser, String aclPassword, LoopbackCertificates tls,
            boolean requireClientCertificates) {
        this.dataDir = dataDir;
        this.aclUser = aclUser;
        this.aclPassword = aclPassword;
        this.tls = tls;
        this.requireClientCertificates = requireClientCertificates;
    }

    /**
     * The same server speaking TLS only ({@code --port 0}: no plaintext port) with {@code certificates};
     * with {@code requireClientCertificates} a client must show a certificate signed by the same CA.
     */
    public RedisServerProcess withTls(LoopbackCertificates certificates, boolean requireClientCertificates) {
        return new RedisServerProcess(dataDir, aclUser, aclPassword, certificates, requireClientCertificates);
    }

    /**
     * A server whose default user is off and whose one user may touch only {@code vs:*} keys with
     * VitalStorm's command classes (no admin or dangerous commands). The ACL goes in a 0600 file
     * holding only the password's SHA-256, so the password is on no command line and in no file.
     */
    public static RedisServerProcess withAclUser(Path dataDir, String user, String password) {
        return new RedisServerProcess(dataDir, user, password, null, false);
    }

    /** The ACL line of the VitalStorm user (docs/security.md). */
    static String aclLine(String user, String password) {
        return "user " + user + " on #" + sha256(password)
                + " resetkeys ~vs:* resetchannels -@all +@read +@write +@scripting +@transaction +@connection"
                + " -@dangerous -@admin";
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> aclArguments() throws IOException {
        if (aclUser == null) {
            return List.of();
        }
        Path aclFile = dataDir.resolve("users.acl");
        LoopbackCertificates.writeSecret(aclFile,
                "user default off resetkeys -@all\n" + aclLine(aclUser, aclPassword) + "\n");
        return List.of("--aclfile", aclFile.toString());
    }

    private List<String> portArguments() throws IOException, InterruptedException {
        if (tls == null) {
            return List.of("--port", String.valueOf(port));
        }
        // a self-signed test certificate is its own CA: clients' certificates are checked against it
        return List.of("--port", "0", "--tls-port", String.valueOf(port),
                "--tls-cert-file", tls.certificatePem().toString(), "--tls-key-file", tls.privateKeyPem().toString(),
                "--tls-ca-cert-file", tls.certificatePem().toString(),
                "--tls-auth-clients", requireClientCertificates ? "yes" : "no");
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public synchronized void start() throws Exception {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " not found: run scripts/install-system-packages.sh"
                    + " (it installs the Debian package redis-server)");
        }
        Files.createDirectories(dataDir);
        if (port == 0) {
            port = FreePorts.next(); // a restart keeps the port, as a real server's would
        }
        List<String> command = new java.util.ArrayList<>(List.of(EXECUTABLE.toString(),
                        "--bind", FreePorts.LOOPBACK,
                        "--dir", dataDir.toString(),
                        "--save", "",
                        "--appendonly", "no",
                        "--daemonize", "no",
                        "--logfile", "",
                        "--loglevel", "warning"));
        command.addAll(portArguments());
        command.addAll(aclArguments());
        process = ChildProcess.start(name(), command,
                dataDir, dataDir.resolve("redis.log"), STOP_GRACE);
        Await.until("redis on " + address(), READY_TIMEOUT, this::answersPing,
                () -> "; redis output:\n" + process.outputTail(20));
    }

    private boolean answersPing() throws Exception {
        process.checkAlive();
        if (tls == null) {
            return ping(FreePorts.LOOPBACK, port);
        }
        if (requireClientCertificates) { // the probe has no certificate: an open port is all it can see
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), 1000);
                return true;
            }
        }
        return ping(tls.clientContext().getSocketFactory().createSocket(), FreePorts.LOOPBACK, port);
    }

    /** Sends a RESP PING; true when the server replies +PONG (a loading server replies -LOADING). */
    static boolean ping(String host, int port) throws IOException {
        return ping(new Socket(), host, port);
    }

    private static boolean ping(Socket unconnected, String host, int port) throws IOException {
        try (Socket socket = unconnected) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes("+PONG\r\n".length());
            String answer = new String(reply, StandardCharsets.US_ASCII);
            // a server with its default user off answers, refusing: it is up
            return answer.equals("+PONG\r\n") || answer.startsWith("-NOAUTH");
        }
    }

    public String host() {
        return FreePorts.LOOPBACK;
    }

    public int port() {
        return port;
    }

    @Override
    public String address() {
        return host() + ":" + port;
    }
}
