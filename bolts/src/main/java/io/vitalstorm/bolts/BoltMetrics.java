package io.vitalstorm.bolts;

import com.codahale.metrics.Counter;
import io.vitalstorm.core.parse.Rejection;
import org.apache.storm.task.TopologyContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters a bolt reports as Storm metrics (v2: each carries the topology, component and
 * task, and goes to the configured reporters). Names are documented in docs/reliability.md.
 */
final class BoltMetrics {

    static final String DEAD_LETTERS = "vitalstorm.deadLetters.";
    static final String RETRIES = "vitalstorm.retries";
    static final String RETRIES_EXHAUSTED = "vitalstorm.retriesExhausted";
    /** Records failed for a replay because Storm interrupted the executor (stopping), not counted as retries. */
    static final String INTERRUPTED = "vitalstorm.interrupted";
    /** Patients whose Redis-lost state was rebuilt from Cassandra, and rebuild reads that failed (started afresh). */
    static final String STATE_REBUILT = "vitalstorm.stateRebuilt";
    static final String STATE_REBUILD_FAILURES = "vitalstorm.stateRebuildFailures";

    private final TopologyContext context;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    BoltMetrics(TopologyContext context) {
        this.context = context;
    }

    Counter counter(String name) {
        return counters.computeIfAbsent(name, context::registerCounter);
    }

    /** Brings a counter up to an engine's running total (the engines count, Storm reports). */
    void total(String name, long total) {
        Counter c = counter(name);
        c.inc(total - c.getCount());
    }

    void deadLetter(Rejection.Code code) {
        counter(DEAD_LETTERS + code.name()).inc();
    }
}
