package io.vitalstorm.bench.run;

import io.vitalstorm.topology.SubmitCommand;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bench command line: preset, topology overrides for tuning runs, and what to skip. */
record BenchOptions(Preset preset, Map<String, Object> overrides, boolean jmh, boolean latency, History history, Path out,
                    String command) {

    /** The history storage benchmarks: after the rest (default), not at all, or alone. */
    enum History { WITH, NONE, ONLY }

    static final String USAGE = "bench [--quick|--full] [--sizes 1000,10000] [--no-jmh] [--no-latency] [--no-history|--only-history] "
            + "[-c topology.key=value ...] [--out bench/results]";

    static BenchOptions parse(String[] argv) {
        Preset preset = Preset.QUICK;
        List<Integer> sizes = null;
        Map<String, Object> overrides = new LinkedHashMap<>();
        boolean jmh = true;
        boolean latency = true;
        History history = History.WITH;
        Path out = Path.of("bench", "results");
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(argv));
        if (!rest.isEmpty() && rest.peek().equals("bench")) {
            rest.pop();
        }
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            switch (arg) {
                case "--quick" -> preset = Preset.QUICK;
                case "--full" -> preset = Preset.FULL;
                case "--sizes" -> sizes = Arrays.stream(value(rest, arg).split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--no-jmh" -> jmh = false;
                case "--no-latency" -> latency = false;
                case "--no-history" -> history = History.NONE;
                case "--only-history" -> history = History.ONLY;
                case "--out" -> out = Path.of(value(rest, arg));
                case "-c" -> {
                    String kv = value(rest, arg);
                    int eq = kv.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("-c expects key=value, got " + kv);
                    }
                    overrides.put(kv.substring(0, eq), SubmitCommand.scalar(kv.substring(eq + 1)));
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg + "; usage: " + USAGE);
            }
        }
        if (sizes != null) {
            preset = preset.onlySizes(sizes);
        }
        return new BenchOptions(preset, overrides, jmh, latency, history, out, "./vitalstorm bench " + String.join(" ", argv).replaceFirst("^bench ?", ""));
    }

    private static String value(Deque<String> rest, String option) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value; usage: " + USAGE);
        }
        return rest.pop();
    }
}
