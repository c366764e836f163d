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
    private int port;

    public RedisServerProcess(Path dataDir) {
        this(dataDir, null, null);
    }

    private RedisServerProcess(Path dataDir, String aclUser, String aclPassword) {
        this.dataDir = dataDir;
        this.aclUser = aclUser;
        this.aclPassword = aclPassword;
    }

    /**
     * A server whose default user is off and whose one user may touch only {@code vs:*} keys with
     * VitalStorm's command classes (no admin or dangerous commands). The ACL goes in a 0600 file
     * holding only the password's SHA-256, so the password is on no command line and in no file.
     */
    public static RedisServerProcess withAclUser(Path dataDir, String user, String password) {
        return new RedisServerProcess(dataDir, user, password);
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
                        "--port", String.valueOf(port),
                        "--dir", dataDir.toString(),
                        "--save", "",
                        "--appendonly", "no",
                        "--daemonize", "no",
                        "--logfile", "",
                        "--loglevel", "warning"));
        command.addAll(aclArguments());
        process = ChildProcess.start(name(), command,
                dataDir, dataDir.resolve("redis.log"), STOP_GRACE);
        Await.until("redis on " + address(), READY_TIMEOUT, this::answersPing,
                () -> "; redis output:\n" + process.outputTail(20));
    }

    private boolean answersPing() throws IOException {
        process.checkAlive();
        return ping(FreePorts.LOOPBACK, port);
    }

    /** Sends a RESP PING; true when the server replies +PONG (a loading server replies -LOADING). */
    static boolean ping(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
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
