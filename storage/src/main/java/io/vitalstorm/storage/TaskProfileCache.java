package io.vitalstorm.storage;

import io.vitalstorm.core.model.PatientProfile;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The in-task profile cache of an enriching task: an {@link ExpiringLruCache} in front of the
 * {@link PatientDirectory} that also starts afresh whenever the registry's change counter has
 * moved. The counter is read at most once per {@code checkMillis}, so a registry change reaches
 * the stream within about that long instead of the entries' full lifetime, for one Redis GET per
 * task and interval. Not thread-safe; one per bolt task.
 */
public final class TaskProfileCache {

    public static final long CHECK_MILLIS = 1_000;

    private final PatientDirectory directory;
    private final ExpiringLruCache<String, Optional<PatientProfile>> local;
    private final LongSupplier clock;
    private final long checkMillis;
    private long version = Long.MIN_VALUE;
    private long nextCheck = Long.MIN_VALUE;

    public TaskProfileCache(PatientDirectory directory, int maxEntries, long ttlMillis, LongSupplier clock) {
        this(directory, maxEntries, ttlMillis, CHECK_MILLIS, clock);
    }

    TaskProfileCache(PatientDirectory directory, int maxEntries, long ttlMillis, long checkMillis, LongSupplier clock) {
        this.directory = directory;
        this.local = new ExpiringLruCache<>(maxEntries, ttlMillis, clock);
        this.clock = clock;
        this.checkMillis = checkMillis;
    }

    public Optional<PatientProfile> find(String patientId) {
        long now = clock.getAsLong();
        if (now >= nextCheck) {
            long current = directory.cacheVersion();
            if (current != version) {
                local.clear();
                version = current;
            }
            nextCheck = now + checkMillis;
        }
        return local.get(patientId, directory::find);
    }
}
