package io.vitalstorm.bench.measure;

import io.vitalstorm.core.risk.RiskStateStore;

import java.util.Map;
import java.util.Optional;

/**
 * A Redis stand-in that keeps nothing and counts the checkpoint bytes: footprint benchmarks measure the worker, not the
 * store.
 */
public final class CountingStateStore implements RiskStateStore {

    private long lastCheckpointBytes;
    private long totalBytes;

    @Override
    public Optional<byte[]> load(String patientId) {
        return Optional.empty();
    }

    @Override
    public void saveAll(Map<String, byte[]> states) {
        lastCheckpointBytes = states.values().stream().mapToLong(b -> b.length).sum();
        totalBytes += lastCheckpointBytes;
    }

    /** Bytes of the last checkpoint written. */
    public long lastCheckpointBytes() {
        return lastCheckpointBytes;
    }

    /** Bytes of every checkpoint written. */
    public long totalBytes() {
        return totalBytes;
    }
}
