package io.vitalstorm.bench.run;

import io.vitalstorm.bench.measure.ResourceMeter;
import io.vitalstorm.bench.report.BenchReport;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.storage.redis.RedisKeys;
import redis.clients.jedis.JedisPooled;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Flink peer in a child JVM on bench-flink's own classpath ({@code bench-flink/target/runtime.classpath}: Flink 2
 * needs Kryo 5, Storm on this classpath brings Kryo 4), on the records the vitals topic holds. Measured as the
 * topology is: from the first latest-state write (the first record through every step) to the job's end, CPU of
 * every process over that time, the Flink JVM's as {@code flink} — the child holds until its standard input closes,
 * so its CPU can be read after its job finished.
 */
final class FlinkRun {

    /** bench-flink's main class (not on this classpath). */
    static final String FLINK_MAIN = "io.vitalstorm.bench.flink.FlinkPeer";
    /** The line FlinkPeer prints when its job ended: {@code key=value} pairs. */
    static final String RESULT = "FLINK-RESULT";
    /** bench-flink's build output, from the project directory (where ./vitalstorm bench runs). */
    static final Path MODULE = Path.of("bench-flink", "target");
    private static final long FIRST_RECORD_POLL_MS = 20;

    private FlinkRun() {
    }

    /** @param module bench-flink's {@code target} directory ({@link #MODULE}) */
    static BenchReport.Peer run(Path module, VitalStormSettings s, int patients, long expected, JedisPooled redis,
                                Path work, Duration timeout, Consumer<String> log) throws Exception {
        Path settings = work.resolve("flink-" + patients + ".properties");
        Properties p = new Properties();
        p.putAll(s.toText());
        try (Writer w = Files.newBufferedWriter(settings)) {
            p.store(w, "VitalStorm settings of the Flink peer");
        }
        Path stderr = work.resolve("flink-" + patients + ".err");
        Process child = new ProcessBuilder(command(module, settings, s.consumerGroup() + "-flink", expected))
                .redirectError(stderr.toFile()).start();
        ResourceMeter.label(child.pid(), "flink");
        LinkedBlockingQueue<String> results = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> forward(child, results, log), "flink-peer-output");
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!redis.exists(RedisKeys.riskAll())) {
                check(child, deadline, stderr, "no record processed");
                Thread.sleep(FIRST_RECORD_POLL_MS);
            }
            long start = System.nanoTime();
            Map<String, Duration> cpuBefore = ResourceMeter.cpuNow();
            String result = null;
            while (result == null) {
                check(child, deadline, stderr, "job not finished");
                result = results.poll(FIRST_RECORD_POLL_MS, TimeUnit.MILLISECONDS);
            }
            long elapsed = System.nanoTime() - start;
            Map<String, Double> cpu = ResourceMeter.between(cpuBefore, ResourceMeter.cpuNow(), elapsed)
                    .secondsByProcess();
            Map<String, Long> r = parse(result);
            if (r.get("records") != expected) {
                throw new IllegalStateException("the Flink peer read " + r.get("records") + " records, expected "
                        + expected);
            }
            return new BenchReport.Peer(patients, r.get("records"), r.get("alerts"), elapsed / 1e9, cpu);
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static List<String> command(Path module, Path settings, String group, long expected) throws IOException {
        Path classpathFile = module.resolve("runtime.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build first (./vitalstorm build)");
        }
        String classpath = module.resolve("classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(classpathFile).strip();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx2g", "-XX:+UseG1GC",
                "-Dvitalstorm.log.file=" + Path.of("target", "vitalstorm-bench-flink.log").toAbsolutePath()));
        String log4j = System.getProperty("log4j.configurationFile");
        if (log4j != null) {
            cmd.add("-Dlog4j.configurationFile=" + log4j);
        }
        cmd.addAll(List.of("-cp", classpath, FLINK_MAIN, "--settings", settings.toString(),
                "--group", group, "--expected", Long.toString(expected), "--hold"));
        return cmd;
    }

    private static void forward(Process child, LinkedBlockingQueue<String> results, Consumer<String> log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(RESULT)) {
                    results.add(line);
                } else {
                    log.accept(line);
                }
            }
        } catch (IOException e) {
            log.accept("flink peer output lost: " + e);
        }
    }

    private static void check(Process child, long deadline, Path stderr, String state) throws IOException {
        if (!child.isAlive()) {
            List<String> lines = Files.readAllLines(stderr);
            throw new IllegalStateException("the Flink peer exited with " + child.exitValue() + " (" + state + "): "
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the Flink peer timed out: " + state);
        }
    }

    /** {@code FLINK-RESULT records=… alerts=…} → the numbers by key. */
    static Map<String, Long> parse(String line) {
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.substring(RESULT.length()).strip().split("\\s+")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return values;
    }
}
