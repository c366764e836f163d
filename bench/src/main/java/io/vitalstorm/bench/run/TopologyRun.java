package io.vitalstorm.bench.run;

import io.vitalstorm.bench.measure.ConsumerGroupProgress;
import io.vitalstorm.bench.measure.ResourceMeter;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.redis.RedisKeys;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** The real topology in a LocalCluster, and how long it takes to get through what the vitals topic holds. */
final class TopologyRun implements AutoCloseable {

    /** From the first record processed to every offset committed. */
    record Measured(long records, double seconds, Map<String, Double> cpuSeconds, long peakHeapBytes) {
        double perSecond() {
            return records / seconds;
        }
    }

    /** First record: a cheap Redis EXISTS, polled often. */
    private static final long FIRST_RECORD_POLL_MS = 20;
    /**
     * Committed offsets: an AdminClient request the broker in this JVM serves, so not too often
     * (at 20 ms it cost a few % of the CPU measured); the spout commits once a second anyway.
     */
    private static final long COMMITTED_POLL_MS = 100;

    private final LocalVitalStorm topology;
    private final VitalStormSettings settings;

    private TopologyRun(LocalVitalStorm topology, VitalStormSettings settings) {
        this.topology = topology;
        this.settings = settings;
    }

    static TopologyRun start(LocalInfrastructure infra, VitalStormSettings s, String name,
            Map<String, Object> overrides)
            throws Exception {
        return new TopologyRun(LocalVitalStorm.start(infra, s, name, overrides), s);
    }

    /**
     * Waits for the first latest-state write (the first record through every step), then until
     * the consumer group has committed {@code expected} records.
     */
    Measured awaitCommitted(long expected, JedisPooled redis, ConsumerGroupProgress progress, Duration timeout,
                            Consumer<String> log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!redis.exists(RedisKeys.riskAll())) {
            check(deadline, "no record processed");
            Thread.sleep(FIRST_RECORD_POLL_MS);
        }
        long start = System.nanoTime();
        Map<String, Duration> cpuBefore = ResourceMeter.cpuNow();
        long peakHeap = 0;
        long lastLog = start;
        long committed;
        while ((committed = progress.committed(settings.consumerGroup(), settings.vitalsTopic())) < expected) {
            check(deadline, "committed " + committed + " of " + expected);
            peakHeap = Math.max(peakHeap, ResourceMeter.heapUsedBytes());
            if (System.nanoTime() - lastLog > 5e9) {
                lastLog = System.nanoTime();
                log.accept(String.format("topology: %,d of %,d records committed (%.0f rec/s so far)",
                        committed, expected,
                        committed / ((lastLog - start) / 1e9)));
            }
            Thread.sleep(COMMITTED_POLL_MS);
        }
        long elapsed = System.nanoTime() - start;
        return new Measured(expected, elapsed / 1e9, ResourceMeter.between(cpuBefore, ResourceMeter.cpuNow(), elapsed)
                .secondsByProcess(), peakHeap);
    }

    private static void check(long deadline, String state) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("topology timed out: " + state);
        }
    }

    @Override
    public void close() throws Exception {
        topology.close();
    }
}
