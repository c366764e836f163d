package io.vitalstorm.bench.flink;

import io.vitalstorm.core.config.VitalStormSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The child JVM the bench starts for the Flink peer:
 * {@code FlinkPeer --settings FILE --group G [--expected N] [--parallelism P] [--checkpoint-seconds S] [--hold]}.
 * Runs {@link FlinkJob} on what the vitals topic holds, prints a human line and a {@value #RESULT} line
 * ({@code key=value} pairs) on standard output; with {@code --hold} it then waits for standard input to close, so
 * the bench can read this process's CPU time before it exits. Exit 1 if the job failed or read other than
 * {@code --expected} records.
 */
@Command(name = "FlinkPeer", mixinStandardHelpOptions = true,
        description = "Runs the Flink peer of the bench on what the vitals topic holds.")
public final class FlinkPeer implements Callable<Integer> {

    public static final String RESULT = "FLINK-RESULT";

    @Option(names = "--settings", required = true, paramLabel = "FILE", description = "the settings, as properties")
    private Path settings;

    @Option(names = "--group", required = true, description = "the Kafka consumer group")
    private String group;

    @Option(names = "--expected", defaultValue = "-1", description = "records the job must read (-1: any number)")
    private long expected;

    @Option(names = "--parallelism", description = "the job's parallelism")
    private Integer parallelism;

    @Option(names = "--checkpoint-seconds", description = "the checkpoint interval")
    private Long checkpointSeconds;

    @Option(names = "--hold", description = "after the result, wait for standard input to close")
    private boolean hold;

    private FlinkPeer() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new FlinkPeer()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        VitalStormSettings s = VitalStormSettings.fromMap(load(settings));
        FlinkJob.Options defaults = FlinkJob.Options.DEFAULTS;
        FlinkJob.Options options = new FlinkJob.Options(
                parallelism == null ? defaults.parallelism() : parallelism,
                checkpointSeconds == null ? defaults.checkpointInterval() : Duration.ofSeconds(checkpointSeconds));
        int exit = 0;
        try {
            FlinkJob.Result r = FlinkJob.run(s, group, options);
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
        if (hold) {
            while (System.in.read() >= 0) {
                // until the bench closes our standard input
            }
        }
        return exit;
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
