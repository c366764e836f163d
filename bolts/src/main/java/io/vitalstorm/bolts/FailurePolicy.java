package io.vitalstorm.bolts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vitalstorm.core.parse.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * What a bolt does with a record whose processing threw. A transient outage of a client fails the
 * tuple so the spout replays it with backoff — at most {@code maxRetries} times, after which the
 * record is given up as a {@code RETRIES_EXHAUSTED} dead letter; any other failure is a
 * deterministic defect that would fail every replay alike, so the record becomes an
 * {@code INTERNAL_ERROR} dead letter at once. Either way the partition moves on.
 * <p>
 * Replays of a record reach the same task (the groupings are deterministic), so attempts are
 * counted per task, by a key naming the record.
 */
final class FailurePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(FailurePolicy.class);

    private final String component;
    private final int maxRetries;
    private final BoltMetrics metrics;
    private final Cache<String, Integer> attempts = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofHours(6))
            .build();

    FailurePolicy(String component, int maxRetries, BoltMetrics metrics) {
        this.component = component;
        this.maxRetries = maxRetries;
        this.metrics = metrics;
    }

    /**
     * @return empty to fail the tuple for a replay; otherwise the rejection to dead-letter the record with (then ack
     * it)
     */
    Optional<Rejection> onFailure(String recordKey, Throwable failure) {
        if (TransientFailures.isInterruption(failure)) {
            // Storm is stopping this executor: the record is not at fault and keeps its retries; failing it
            // sends it back to the spout (or it times out once this worker is gone). The interrupt is restored
            // so that Storm's loop ends.
            Thread.currentThread().interrupt();
            metrics.counter(BoltMetrics.INTERRUPTED).inc();
            LOG.warn("{}: {} interrupted (the executor is stopping); it will be replayed", component, recordKey);
            return Optional.empty();
        }
        if (!TransientFailures.isTransient(failure)) {
            LOG.error("{}: {} failed deterministically; it goes to the dead-letter topic", component,
                    recordKey, failure);
            attempts.invalidate(recordKey);
            return Optional.of(new Rejection(Rejection.Code.INTERNAL_ERROR,
                    component + " failed: " + describe(failure)));
        }
        int n = attempts.asMap().merge(recordKey, 1, Integer::sum);
        if (n > maxRetries) {
            attempts.invalidate(recordKey);
            metrics.counter(BoltMetrics.RETRIES_EXHAUSTED).inc();
            LOG.error("{}: {} still failing after {} replays; it goes to the dead-letter topic: {}", component,
                    recordKey,
                    maxRetries, describe(failure));
            return Optional.of(new Rejection(Rejection.Code.RETRIES_EXHAUSTED,
                    component + " gave up after " + maxRetries + " replays: " + describe(failure)));
        }
        metrics.counter(BoltMetrics.RETRIES).inc();
        LOG.warn("{}: {} failed (attempt {} of {}), it will be replayed: {}", component, recordKey, n, maxRetries + 1,
                describe(failure));
        return Optional.empty();
    }

    /** The record went through: its earlier failures no longer count. */
    void onSuccess(String recordKey) {
        attempts.invalidate(recordKey);
    }

    /** Whether any record has failed lately (otherwise {@link #onSuccess} has nothing to forget). */
    boolean tracking() {
        return attempts.estimatedSize() > 0;
    }

    int attemptsOf(String recordKey) {
        Integer n = attempts.getIfPresent(recordKey);
        return n == null ? 0 : n;
    }

    private static String describe(Throwable t) {
        StringBuilder b = new StringBuilder(t.toString());
        int depth = 0;
        for (Throwable c = t.getCause(); c != null && depth++ < 8; c = c.getCause()) {
            b.append(" <- ").append(c);
        }
        return b.toString();
    }
}
