package io.vitalstorm.bench.propagation;

import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.coordination.OperatorCredentials;
import io.vitalstorm.coordination.ThresholdsStore;
import io.vitalstorm.core.thresholds.ThresholdsScope;
import io.vitalstorm.infra.ZooKeeperServerRunner;
import io.vitalstorm.topology.cli.CommandLines;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.StandardCommand;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Thresholds propagation (issue 4 item 4): the time from {@code ThresholdsStore.set} returning to
 * the moment every watching worker has published the new value (a worker's tasks all read its one
 * published snapshot, so "every worker" is "every task"). Each simulated worker has its own
 * ZooKeeper session and {@link LiveThresholds}, as a worker JVM does.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/runtime.classpath) \
 *     io.vitalstorm.bench.propagation.ThresholdsPropagationBenchmark [--changes 500] [--workers 4] \
 *     [--zookeeper host:port]
 * </pre>
 * Without {@code --zookeeper} it starts the local infrastructure's ZooKeeper alone (the other
 * servers play no part here and would only take CPU from the measurement on a small machine).
 * Target: p99 at most 1 s.
 */
public final class ThresholdsPropagationBenchmark {

    private static final String ROOT = "/propagation-bench";
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

    private ThresholdsPropagationBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new Args(), args));
    }

    @Command(name = "ThresholdsPropagationBenchmark",
            description = "Time from a thresholds change to every watching worker publishing it (target p99 <= 1 s).")
    static final class Args extends StandardCommand implements Callable<Integer> {
        @Option(names = "--changes", defaultValue = "500", description = "changes to time (default: ${DEFAULT-VALUE})")
        private int changes;

        @Option(names = "--workers", defaultValue = "4", description = "simulated workers (default: ${DEFAULT-VALUE})")
        private int workers;

        @Option(names = "--zookeeper", paramLabel = "host:port",
                description = "an external ZooKeeper (default: a local one started for the run)")
        private String zookeeper;

        @Override
        public Integer call() throws Exception {
            measure(changes, workers, zookeeper);
            return ExitCodes.DONE;
        }
    }

    private static void measure(int changes, int workers, String external) throws Exception {
        Path dir = Files.createTempDirectory("propagation-bench");
        ZooKeeperServerRunner local = external == null ? new ZooKeeperServerRunner(dir.resolve("zookeeper")) : null;
        if (local != null) {
            local.start();
        }
        String connect = external != null ? external : local.connectString();
        try {
            long[] micros = run(connect, changes, workers);
            report(changes, workers, connect, micros);
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    /** Set-to-applied-everywhere latency of each change, in microseconds, sorted. */
    static long[] run(String connect, int changes, int workers) throws Exception {
        String root = ROOT + "-" + System.currentTimeMillis();
        List<CuratorFramework> sessions = new ArrayList<>();
        List<LiveThresholds> watchers = new ArrayList<>();
        try (CuratorFramework operator = CuratorClients.startAsOperator(connect, root,
                new OperatorCredentials("bench", "bench-only-secret"))) {
            ThresholdsStore store = new ThresholdsStore(operator, root, Clock.systemUTC());
            store.ensureLayout(ThresholdsScope.GLOBAL);
            for (int w = 0; w < workers; w++) {
                CuratorFramework session = CuratorClients.startNew(connect);
                sessions.add(session);
                watchers.add(LiveThresholds.watch(session, root));
            }
            int version = store.read(ThresholdsScope.GLOBAL).orElseThrow().version();
            long[] micros = new long[changes];
            for (int i = 0; i < changes; i++) {
                int minutes = 16 + i % 1000;
                byte[] doc = ("{\"resolveAfterMinutes\":" + minutes + "}").getBytes(StandardCharsets.UTF_8);
                version = store.set(ThresholdsScope.GLOBAL, doc, version, "bench", "propagation benchmark").version();
                long returned = System.nanoTime();
                for (LiveThresholds w : watchers) {
                    while (w.global().resolveAfter().toMinutes() != minutes) {
                        if (System.nanoTime() - returned > GIVE_UP_NANOS) {
                            throw new IllegalStateException("change " + i + " not applied by every worker within 10 s");
                        }
                        LockSupport.parkNanos(20_000);
                    }
                }
                micros[i] = (System.nanoTime() - returned) / 1_000;
            }
            Arrays.sort(micros);
            return micros;
        } finally {
            watchers.forEach(LiveThresholds::close);
            sessions.forEach(CuratorFramework::close);
        }
    }

    private static void report(int changes, int workers, String connect, long[] sorted) {
        System.out.printf("thresholds propagation: %d changes, %d watching workers, ZooKeeper %s%n", changes,
                workers, connect);
        System.out.printf(
                "  set returned -> applied by every worker: p50 %.2f ms  p99 %.2f ms  max %.2f ms  (target p99 <= 1000 "
                + "ms: %s)%n",
                percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0,
                sorted[sorted.length - 1] / 1000.0,
                percentile(sorted, 0.99) <= 1_000_000 ? "met" : "MISSED");
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
