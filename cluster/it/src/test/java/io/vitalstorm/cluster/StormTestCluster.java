package io.vitalstorm.cluster;

import io.vitalstorm.testsupport.Await;
import io.vitalstorm.infra.FreePorts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Nimbus and one two-slot Supervisor from the assembled storm.home, configured with the
 * loopback rendering of the repository's storm.yaml; submission and kill go through the same
 * launcher users run.
 */
final class StormTestCluster implements AutoCloseable {

    private final Path stormHome;
    private final Path confFile;
    private final Path logDir;
    private final Path localDir;
    private final List<StormProcess> daemons = new ArrayList<>();

    private StormTestCluster(Path stormHome, Path workDir) {
        this.stormHome = stormHome;
        this.confFile = workDir.resolve("conf/storm.yaml");
        this.logDir = workDir.resolve("logs");
        this.localDir = workDir.resolve("storm-local");
    }

    static StormTestCluster start(Path stormHome, Path productionYaml, Path workDir, String zookeeperConnect)
            throws Exception {
        StormTestCluster cluster = new StormTestCluster(stormHome, workDir);
        try {
            int nimbusPort = FreePorts.next();
            LoopbackStormConfig.render(productionYaml, cluster.confFile, zookeeperConnect, cluster.localDir,
                    nimbusPort, FreePorts.next(), List.of(FreePorts.next(), FreePorts.next()));
            cluster.daemons.add(cluster.launch("nimbus", List.of("nimbus")));
            cluster.awaitListening("nimbus", nimbusPort);
            cluster.daemons.add(cluster.launch("supervisor", List.of("supervisor")));
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** {@code storm jar JAR MAIN args}: the topology jar's main class calls StormSubmitter. */
    void submit(Path jar, String mainClass, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("jar", jar.toString(), mainClass));
        command.addAll(args);
        launch("submit", command).awaitSuccess(120);
    }

    /** {@code storm kill NAME -w 0}. */
    void kill(String topology) throws Exception {
        launch("kill", List.of("kill", topology, "-w", "0")).awaitSuccess(60);
    }

    /**
     * Pids of the running worker JVMs: each worker writes its pid to
     * {@code storm.local.dir/workers/<id>/pids/<pid>}; the Supervisor removes the directory
     * when it cleans the worker up, a killed one may leave it behind, hence the liveness check.
     */
    Set<Long> workerPids() throws IOException {
        Set<Long> pids = new TreeSet<>();
        Path workers = localDir.resolve("workers");
        if (!Files.isDirectory(workers)) {
            return pids;
        }
        try (Stream<Path> files = Files.walk(workers, 3)) {
            files.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("pids"))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .forEach(pids::add);
        } catch (java.io.UncheckedIOException raceWithCleanup) {
            return workerPids();
        }
        return pids;
    }

    /**
     * The pid of the live worker that runs {@code component}: each worker logs its executor
     * threads ("Thread-N-&lt;component&gt;-executor") and writes worker.pid next to its log.
     */
    long workerRunning(String component) throws IOException {
        try (Stream<Path> logs = Files.find(logDir.resolve("workers-artifacts"), 3,
                (p, attrs) -> p.getFileName().toString().equals("worker.log"))) {
            for (Path log : logs.toList()) {
                long pid = Long.parseLong(Files.readString(log.resolveSibling("worker.pid")).trim());
                if (workerPids().contains(pid) && Files.readString(log).contains("-" + component + "-executor")) {
                    return pid;
                }
            }
        }
        throw new IllegalStateException("no live worker runs " + component + " yet");
    }

    /** The rendered loopback storm.yaml, for clients of this cluster. */
    Path confFile() {
        return confFile;
    }

    private StormProcess launch(String name, List<String> args) throws IOException {
        return StormProcess.start(stormHome, confFile, logDir, name, args);
    }

    private void awaitListening(String name, int port) throws Exception {
        StormProcess daemon = daemons.get(daemons.size() - 1);
        Await.until(name + " listening on " + port, Duration.ofSeconds(60), () -> {
            daemon.checkAlive();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), 500);
                return true;
            }
        }, ok -> ok);
    }

    /**
     * Daemons in reverse start order; then any worker still alive is killed: the Supervisor
     * leaves its workers running when it stops (they survive supervisor restarts by design).
     */
    @Override
    public void close() throws Exception {
        Set<Long> workers = workerPids();
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).close();
        }
        for (long pid : workers) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
