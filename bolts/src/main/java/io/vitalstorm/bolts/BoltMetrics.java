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

    private final TopologyContext context;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    BoltMetrics(TopologyContext context) {
        this.context = context;
    }

    Counter counter(String name) {
        return counters.computeIfAbsent(name, context::registerCounter);
    }

    void deadLetter(Rejection.Code code) {
        counter(DEAD_LETTERS + code.name()).inc();
    }
}
