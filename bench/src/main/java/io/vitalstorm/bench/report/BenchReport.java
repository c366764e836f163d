package io.vitalstorm.bench.report;

import io.vitalstorm.bench.measure.LatencyStats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything one {@code ./vitalstorm bench} run measured, for the report writer. */
public record BenchReport(
        String command,
        String preset,
        Instant started,
        Instant finished,
        MachineInfo machine,
        String loadAtStart,
        String loadAtEnd,
        Map<String, Object> stormSettings,
        Map<String, Object> kafkaConsumerSettings,
        List<Micro> micro,
        Footprint footprint,
        List<Throughput> throughput,
        Latency latency,
        String tuningNotes,
        Churn churn,
        List<Peer> flink) {

    /** One JMH benchmark: mean time and bytes allocated per operation. */
    public record Micro(String name, double nsPerOp, double nsError, double bytesPerOp) {
    }

    /**
     * Memory under patient churn ({@code ChurnFootprint}): {@code patients} distinct patients through one engine over a
     * simulated day, eviction after {@code evictAfterMinutes} of silence; live heap sampled every two simulated hours.
     */
    public record Churn(int patients, long readings, long evictAfterMinutes, int peakPatientsInMemory, long evicted,
                        double checkpointBytesPerPatient, List<ChurnSample> samples, ChurnSample end, double seconds) {

        /** The largest live heap over the samples after the first six simulated hours (steady state). */
        public long steadyMaxBytes() {
            return samples.stream().filter(s -> s.hour() > 6).mapToLong(ChurnSample::liveBytes).max().orElse(0);
        }

        public long steadyMinBytes() {
            return samples.stream().filter(s -> s.hour() > 6).mapToLong(ChurnSample::liveBytes).min().orElse(0);
        }

        public String describe() {
            StringBuilder b = new StringBuilder(String.format(
                    "churn: %,d patients, %,d readings over a simulated day in %.1f s; eviction after %d min of "
                    + "silence; "
                            + "at most %,d patients in memory; %,d evicted%n", patients, readings, seconds,
                            evictAfterMinutes,
                    peakPatientsInMemory, evicted));
            b.append(String.format("  %8s %14s %14s %14s %12s%n", "hour", "live heap MiB", "risk patients",
                    "alert patients",
                    "open alerts"));
            for (ChurnSample s : samples) {
                b.append(s.row());
            }
            b.append(end.row()).append("  (end: everyone silent for longer than the eviction time)\n");
            return b.toString();
        }
    }

    /** One heap sample of the churn run: live bytes above the start, and patients held by each engine half. */
    public record ChurnSample(double hour, long liveBytes, int riskPatients, int alertPatients, int openAlerts) {
        String row() {
            return String.format("  %8.1f %14.1f %,14d %,14d %,12d%n", hour, liveBytes / 1048576.0, riskPatients,
                    alertPatients, openAlerts);
        }
    }

    /** Heap of the per-patient engine state (no Storm, no servers) after {@code readingsPerPatient} readings each. */
    public record Footprint(int patients, int readingsPerPatient, double bytesPerPatient) {
    }

    /**
     * One scale point: the same pre-loaded records through the limit loop and the topology.
     * CPU is seconds per process over each run; heap is this JVM's live heap after
     * full GCs before the topology started and after it finished.
     */
    public record Throughput(int patients, long records, long deadLetters, long limitAlerts, long topologyAlerts,
                             double limitPerSecond, double topologyPerSecond, double topologySeconds,
                             Map<String, Double> limitCpuSeconds, Map<String, Double> cpuSeconds, long peakHeapBytes,
                             long liveHeapBefore, long liveHeapAfter) {
        public double ratio() {
            return topologyPerSecond / limitPerSecond;
        }

        public double cores() {
            return sum(cpuSeconds) / topologySeconds;
        }

        /**
         * CPU time of all processes (this JVM with Kafka and ZooKeeper, Redis, Cassandra) per record:
         * what the work costs, much less disturbed than records/s when others share the machine.
         */
        public double topologyCpuMicrosPerRecord() {
            return sum(cpuSeconds) * 1e6 / records;
        }

        public double limitCpuMicrosPerRecord() {
            return sum(limitCpuSeconds) * 1e6 / records;
        }

        static double sum(Map<String, Double> cpu) {
            return cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        public double heapBytesPerPatient() {
            return (double) (liveHeapAfter - liveHeapBefore) / patients;
        }
    }

    /**
     * The Flink peer at one ward size: the same pre-loaded records through the same work on Flink (bench-flink's job
     * in a MiniCluster, in a JVM of its own), from empty sinks. Records/s and CPU from the first record processed to
     * the job's end; CPU by process includes the Flink JVM as {@code flink}.
     */
    public record Peer(int patients, long records, long alerts, double seconds, Map<String, Double> cpuSeconds) {
        public double perSecond() {
            return records / seconds;
        }

        public double cores() {
            return Throughput.sum(cpuSeconds) / seconds;
        }

        public double cpuMicrosPerRecord() {
            return Throughput.sum(cpuSeconds) * 1e6 / records;
        }
    }

    /** Latency at fixed offered rates (fractions of the topology's measured maximum). */
    public record Latency(int patients, double maxPerSecond, List<Rate> rates) {
    }

    /** {@code kafkaOnly}: reading time → the same record read back by a plain consumer (Kafka's own share). */
    public record Rate(double fractionOfMax, double offeredPerSecond, double sentPerSecond, boolean keptUp,
                       LatencyStats.Summary kafkaOnly, LatencyStats.Summary redisUpdated,
                       LatencyStats.Summary alertPublished,
                       LatencyStats.Summary alertConsumed) {
    }
}
