package io.vitalstorm.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time of this JVM (Storm, the embedded Kafka and ZooKeeper, the benchmark itself) and of
 * its child processes (Redis, Cassandra, the Flink peer), and this JVM's heap.
 */
public final class ResourceMeter {

    /** CPU seconds used per process between two readings. */
    public record CpuUse(Map<String, Double> secondsByProcess, double wallSeconds) {
        public double totalSeconds() {
            return secondsByProcess.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Average cores busy over the interval. */
        public double cores() {
            return totalSeconds() / wallSeconds;
        }
    }

    private static final Map<Long, String> LABELS = new ConcurrentHashMap<>();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ResourceMeter() {
    }

    /** CPU time so far of this JVM ("jvm") and of each child process, by its command name. */
    public static Map<String, Duration> cpuNow() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        cpu.put("jvm", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        ProcessHandle.current().children().forEach(child -> cpu.merge(name(child),
                child.info().totalCpuDuration().orElse(Duration.ZERO), Duration::plus));
        return cpu;
    }

    public static CpuUse between(Map<String, Duration> before, Map<String, Duration> after, long wallNanos) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, total) -> used.put(name,
                (total.toNanos() - before.getOrDefault(name, Duration.ZERO).toNanos()) / 1e9));
        return new CpuUse(used, wallNanos / 1e9);
    }

    /** Live objects only (class histogram after a full GC): what is kept, not garbage or region slack. */
    public static long liveHeapBytes() {
        return LiveHeap.bytes();
    }

    public static long heapUsedBytes() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** From now on the child process {@code pid} is reported as {@code name} (the Flink peer's JVM as "flink"). */
    public static void label(long pid, String name) {
        LABELS.put(pid, name);
    }

    /**
     * A labelled child by its label; otherwise the local servers run as "redis-server ..." and
     * "java ... CassandraDaemon" (the only unlabelled child JVM).
     */
    private static String name(ProcessHandle p) {
        String label = LABELS.get(p.pid());
        if (label != null) {
            return label;
        }
        String cmd = p.info().command().orElse("pid " + p.pid());
        String base = cmd.substring(cmd.lastIndexOf('/') + 1);
        if (base.startsWith("redis")) {
            return "redis";
        }
        return base.equals("java") ? "cassandra" : base;
    }
}
