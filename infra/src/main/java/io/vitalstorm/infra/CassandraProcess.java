package io.vitalstorm.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A single Cassandra 5.0 node in its own JDK 17 JVM, native and storage ports on 127.0.0.1,
 * everything under one directory. JMX stays off (no port) because no JMX port property is set.
 */
public final class CassandraProcess extends ChildProcessServer {

    public static final String LOCAL_DATACENTER = "datacenter1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** Drain takes ~3 s; the first run also writes the class-data archive (~6 s more). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    /** Cassandra's built-in superuser, created at first start of a node with password authentication. */
    public static final String DEFAULT_SUPERUSER = "cassandra";

    private final Path dir;
    private final boolean passwordAuth;
    private final boolean durableSchema;
    /** Certificate of a node whose native port speaks TLS only; null: plaintext. */
    private final LoopbackCertificates tls;
    private int nativePort;
    private int storagePort;
    private CassandraConfigFiles config;
    private CassandraClassDataArchive classDataArchive;

    public CassandraProcess(Path dir) {
        this(dir, false, false, null);
    }

    private CassandraProcess(Path dir, boolean passwordAuth, boolean durableSchema, LoopbackCertificates tls) {
        this.dir = dir.toAbsolutePath();
        this.passwordAuth = passwordAuth;
        this.durableSchema = durableSchema;
        this.tls = tls;
    }

    /** The same node with client TLS: its CQL port accepts TLS connections only, with {@code certificates}. */
    public CassandraProcess withClientTls(LoopbackCertificates certificates) {
        return new CassandraProcess(dir, passwordAuth, durableSchema, certificates);
    }

    /**
     * A node whose schema and acknowledged writes survive {@link #kill()}, for crash tests. The
     * default node starts faster and applies schema changes sooner, but keeps them only until it
     * is killed: after a SIGKILL and {@link #start()} it has lost every keyspace created since its
     * first start (measured: a keyspace 15 s old was gone, and its rows with it), and its periodic
     * commit log the writes since the last sync (up to 10 s).
     */
    public static CassandraProcess crashable(Path dir) {
        return new CassandraProcess(dir, false, true, null);
    }

    /**
     * A node with PasswordAuthenticator and CassandraAuthorizer, for the security tests: only
     * logged-in roles connect, and a role may do only what it was granted. Its superuser is
     * {@code cassandra}/{@code cassandra} (Cassandra's default; a test node only).
     */
    public static CassandraProcess withPasswordAuth(Path dir) {
        return new CassandraProcess(dir, true, false, null);
    }

    @Override
    public String name() {
        return "cassandra";
    }

    @Override
    public synchronized void start() throws Exception {
        Files.createDirectories(dir);
        if (nativePort == 0) { // a restart keeps its ports (and its data), as a real node would
            nativePort = FreePorts.next();
            storagePort = FreePorts.next();
        }
        config = CassandraConfigFiles.write(dir, nativePort, storagePort, passwordAuth, durableSchema, tls);
        Path java = CassandraCommandLine.java17();
        String classpath = CassandraClasspath.load();
        classDataArchive = CassandraClassDataArchive.of(java, classpath);
        process = ChildProcess.start(name(),
                CassandraCommandLine.build(java, classpath, classDataArchive.jvmOptions(), dir, config, durableSchema),
                dir, config.logFile.resolveSibling("stdout.log"), STOP_GRACE);
        Await.until("cassandra on " + address(), READY_TIMEOUT, this::servesCql, this::logTails);
    }

    private boolean servesCql() throws Exception {
        if (!process.isAlive()) {
            throw new IllegalStateException("cassandra exited during start" + logTails());
        }
        return CqlProbe.answersOptions(tls == null ? new java.net.Socket() : tls.clientContext().getSocketFactory()
                .createSocket(), host(), nativePort);
    }

    private String logTails() {
        return "\n--- " + config.logFile + " (tail) ---\n" + WorkDirs.tail(config.logFile, LOG_TAIL_LINES)
                + "\n--- cassandra stdout/stderr (tail) ---\n" + process.outputTail(LOG_TAIL_LINES);
    }

    public String host() {
        return FreePorts.LOOPBACK;
    }

    /** The CQL native-transport port. */
    public int port() {
        return nativePort;
    }

    public String localDatacenter() {
        return LOCAL_DATACENTER;
    }

    @Override
    public String address() {
        return host() + ":" + nativePort;
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            super.close();
            classDataArchive.afterExit(process.stoppedGracefully());
        }
    }
}
