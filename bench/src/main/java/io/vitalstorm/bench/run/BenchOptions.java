package io.vitalstorm.bench.run;

import io.vitalstorm.topology.cli.ConfigOverrides;
import io.vitalstorm.topology.cli.StandardCommand;
import io.vitalstorm.topology.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** The bench command line: preset, topology overrides for tuning runs, and what to skip. */
record BenchOptions(Preset preset, Map<String, Object> overrides, boolean jmh, boolean latency,
        History history, Flink flink, Path out,
                    String command) {

    /** The history storage benchmarks: after the rest (default), not at all, or alone. */
    enum History { WITH, NONE, ONLY }

    /** The Flink peer beside the limit loop and the topology (default), not at all, or alone at each ward size. */
    enum Flink { WITH, NONE, ONLY }

    /** The options as given; of --quick/--full and of --no-history/--only-history the last one wins. */
    @Command(name = "vitalstorm bench",
            description = "Benchmark suite; the report goes to <out>/<yyyy-MM-dd-HHmm>/report.md (docs/benchmarks.md).")
    static final class Args extends StandardCommand implements Callable<Integer> {
        /** What runs the suite once the options are known. */
        interface Suite {
            int run(BenchOptions options) throws Exception;
        }

        private final Suite suite;
        private Preset preset = Preset.QUICK;
        private History history = History.WITH;

        @Spec
        private CommandSpec spec;

        @Option(names = "--sizes", split = ",", paramLabel = "N",
                description = "only these ward sizes of the preset, e.g. 1000,10000")
        private List<Integer> sizes;

        @Option(names = "--no-jmh", description = "skip the JMH micro-benchmarks")
        private boolean noJmh;

        @Option(names = "--no-latency", description = "skip the latency runs")
        private boolean noLatency;

        @Option(names = "--no-flink", description = "skip the Flink peer")
        private boolean noFlink;

        @Option(names = "--only-flink", description = "run only the Flink peer at each ward size (no micro-benchmarks, "
                + "footprints, limit loop, topology, latency or history)")
        private boolean onlyFlink;

        @Mixin
        private ConfigOverrides overrides;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench/results",
                description = "where the report directory goes (default: ${DEFAULT-VALUE})")
        private Path out;

        @Option(names = "--quick", description = "the quick preset (default)")
        void quick(boolean on) {
            preset = Preset.QUICK;
        }

        @Option(names = "--full", description = "the full preset")
        void full(boolean on) {
            preset = Preset.FULL;
        }

        @Option(names = "--no-history", description = "skip the history storage benchmarks")
        void noHistory(boolean on) {
            history = History.NONE;
        }

        @Option(names = "--only-history", description = "run only the history storage benchmarks")
        void onlyHistory(boolean on) {
            history = History.ONLY;
        }

        Args(Suite suite) {
            this.suite = suite;
        }

        @Override
        public Integer call() throws Exception {
            return suite.run(options(spec.commandLine().getParseResult().originalArgs()));
        }

        /** @param argv the arguments as typed after {@code ./vitalstorm bench}, for the report */
        BenchOptions options(List<String> argv) {
            Preset chosen;
            try {
                chosen = sizes == null ? preset : preset.onlySizes(sizes);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (noFlink && onlyFlink) {
                throw new UsageException("--no-flink and --only-flink exclude each other");
            }
            Flink flink = noFlink ? Flink.NONE : onlyFlink ? Flink.ONLY : Flink.WITH;
            return new BenchOptions(chosen, overrides.values(), !noJmh, !noLatency, history, flink, out,
                    ("./vitalstorm bench " + String.join(" ", argv)).trim());
        }
    }
}
