package io.vitalstorm.bench.flink;

import io.vitalstorm.core.config.VitalStormSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The child JVM the bench starts for the Flink peer:
 * {@code FlinkPeer --settings FILE --group G [--expected N] [--parallelism P] [--checkpoint-seconds S] [--hold]}.
 * Runs {@link FlinkJob} on what the vitals topic holds, prints a human line and a {@value #RESULT} line
 * ({@code key=value} pairs) on standard output; with {@code --hold} it then waits for standard input to close, so
 * the bench can read this process's CPU time before it exits. Exit 1 if the job failed or read other than
 * {@code --expected} records.
 */
public final class FlinkPeer {

    public static final String RESULT = "FLINK-RESULT";

    private FlinkPeer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = arguments(args);
        VitalStormSettings s = VitalStormSettings.fromMap(load(Path.of(required(a, "--settings"))));
        FlinkJob.Options defaults = FlinkJob.Options.DEFAULTS;
        FlinkJob.Options options = new FlinkJob.Options(
                Integer.parseInt(a.getOrDefault("--parallelism", String.valueOf(defaults.parallelism()))),
                a.containsKey("--checkpoint-seconds")
                        ? Duration.ofSeconds(Long.parseLong(a.get("--checkpoint-seconds")))
                        : defaults.checkpointInterval());
        long expected = Long.parseLong(a.getOrDefault("--expected", "-1"));
        int exit = 0;
        try {
            FlinkJob.Result r = FlinkJob.run(s, required(a, "--group"), options);
            System.out.printf("flink: %,d records (%,d observations, %,d alerts, %,d dead letters) in %.1f s: "
                    + "%,.0f records/s%n", r.records(), r.observations(), r.alerts(), r.deadLetters(), r.seconds(),
                    r.recordsPerSecond());
            System.out.printf("%s records=%d observations=%d alerts=%d deadLetters=%d firstRecordMillis=%d "
                    + "firstRecordCpuNanos=%d finishedMillis=%d%n", RESULT, r.records(), r.observations(), r.alerts(),
                    r.deadLetters(), r.firstRecordMillis(), r.firstRecordCpuNanos(), r.finishedMillis());
            if (expected >= 0 && r.records() != expected) {
                System.err.printf("flink: read %,d records, expected %,d%n", r.records(), expected);
                exit = 1;
            }
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        System.out.flush();
        if (a.containsKey("--hold")) {
            while (System.in.read() >= 0) {
                // until the bench closes our standard input
            }
        }
        System.exit(exit);
    }

    private static Map<String, String> arguments(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--hold")) {
                a.put(args[i], "");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                a.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        return a;
    }

    private static String required(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    /** The settings file: {@link VitalStormSettings#toText()} as properties. */
    static Map<String, String> load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }
}
