package io.vitalstorm.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * ZooKeeper, Kafka (KRaft), Redis and Cassandra as real servers on 127.0.0.1, free ports,
 * one throwaway directory. For integration tests ({@link #shared()}) and the demo ({@link #start(Path)}).
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static LocalInfrastructure shared;
    private static Exception sharedFailure;

    private final Path workDir;
    private final ZooKeeperServerRunner zookeeper;
    private final KafkaKraftBroker kafka;
    private final RedisServerProcess redis;
    private final CassandraProcess cassandra;
    /** Started concurrently; close() stops them from last to first. */
    private final List<LocalServer> servers;
    private final Thread shutdownHook = new Thread(this::stopAll, "stop-local-infrastructure");
    private boolean closed;

    private LocalInfrastructure(Path workDir) {
        this.workDir = workDir;
        this.zookeeper = new ZooKeeperServerRunner(workDir.resolve("zookeeper"));
        this.kafka = new KafkaKraftBroker(workDir.resolve("kafka"));
        this.redis = new RedisServerProcess(workDir.resolve("redis"));
        this.cassandra = new CassandraProcess(workDir.resolve("cassandra"));
        this.servers = List.of(zookeeper, kafka, redis, cassandra);
    }

    /**
     * Starts all four servers concurrently under {@code workDir} (created; deleted on close)
     * and prints one progress line per server to stderr. On failure everything started is
     * stopped again before the exception is thrown.
     */
    public static LocalInfrastructure start(Path workDir) throws Exception {
        Path absolute = workDir.toAbsolutePath().normalize();
        WorkDirs.prepareEmpty(absolute);
        LocalInfrastructure infra = new LocalInfrastructure(absolute);
        Runtime.getRuntime().addShutdownHook(infra.shutdownHook);
        try {
            infra.startAll();
        } catch (Exception | Error e) {
            infra.close();
            throw e;
        }
        return infra;
    }

    /**
     * The JVM-wide instance for tests: started on first call under {@code target/infra-<pid>}
     * (or java.io.tmpdir when there is no target directory), stopped by a shutdown hook.
     */
    public static synchronized LocalInfrastructure shared() {
        if (sharedFailure != null) {
            // fail every later test class at once instead of retrying a slow start
            throw new IllegalStateException("the shared local infrastructure failed to start earlier", sharedFailure);
        }
        if (shared == null) {
            Path parent = Files.isDirectory(Path.of("target")) ? Path.of("target")
                    : Path.of(System.getProperty("java.io.tmpdir"));
            deleteLeftoversOfDeadJvms(parent);
            try {
                shared = start(parent.resolve("infra-" + ProcessHandle.current().pid()));
            } catch (Exception e) {
                sharedFailure = e;
                throw new IllegalStateException("starting the shared local infrastructure failed", e);
            }
        }
        return shared;
    }

    /** Work directories of earlier test JVMs that were killed before their hook ran. */
    private static void deleteLeftoversOfDeadJvms(Path parent) {
        try (Stream<Path> dirs = Files.list(parent)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("infra-\\d+")).toList()) {
                long pid = Long.parseLong(dir.getFileName().toString().substring("infra-".length()));
                if (ProcessHandle.of(pid).isEmpty()) {
                    WorkDirs.deleteRecursively(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("[infra] could not clean leftovers in " + parent + ": " + e);
        }
    }

    private void startAll() throws Exception {
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(servers.size(), runnable -> {
            Thread thread = new Thread(runnable, "infra-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (LocalServer server : servers) {
                starts.add(pool.submit(() -> {
                    startTimed(server);
                    return null;
                }));
            }
            awaitAll(starts);
        } finally {
            pool.shutdownNow();
        }
        System.err.printf("[infra] all ready in %.1f s under %s%n", seconds(begin), workDir);
    }

    private static void startTimed(LocalServer server) throws Exception {
        long begin = System.nanoTime();
        server.start();
        System.err.printf("[infra] %s ready on %s in %.1f s%n", server.name(), server.address(), seconds(begin));
    }

    /** Waits for every start, so none is still running when the caller cleans up; first failure wins. */
    private static void awaitAll(List<Future<?>> starts) throws Exception {
        Exception failure = null;
        for (Future<?> start : starts) {
            try {
                start.get();
            } catch (ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception ex ? ex : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    public String zookeeperConnect() {
        return zookeeper.connectString();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String redisHost() {
        return redis.host();
    }

    public int redisPort() {
        return redis.port();
    }

    public String cassandraHost() {
        return cassandra.host();
    }

    public int cassandraPort() {
        return cassandra.port();
    }

    public String cassandraLocalDatacenter() {
        return cassandra.localDatacenter();
    }

    public Path workDir() {
        return workDir;
    }

    /** Creates the missing topics (replication factor 1) and waits until they have leaders. */
    public void createTopics(Map<String, Integer> partitionsByTopic) throws Exception {
        kafka.createTopics(partitionsByTopic);
    }

    /** The server processes this instance runs outside the JVM (Redis, Cassandra). */
    List<ProcessHandle> childProcesses() {
        return List.of(redis.processHandle(), cassandra.processHandle());
    }

    /** Stops all servers in reverse start order and deletes the work directory; never throws. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmShuttingDown) {
            // the hook runs stopAll() itself
        }
        stopAll();
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        long begin = System.nanoTime();
        for (int i = servers.size() - 1; i >= 0; i--) {
            LocalServer server = servers.get(i);
            try {
                server.close();
            } catch (RuntimeException e) {
                System.err.println("[infra] stopping " + server.name() + " failed: " + e);
            }
        }
        try {
            WorkDirs.deleteRecursively(workDir);
        } catch (IOException | RuntimeException e) {
            System.err.println("[infra] could not delete " + workDir + ": " + e);
        }
        System.err.printf("[infra] stopped in %.1f s%n", seconds(begin));
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
