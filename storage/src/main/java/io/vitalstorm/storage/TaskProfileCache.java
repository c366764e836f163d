package io.vitalstorm.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vitalstorm.core.model.PatientProfile;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The in-task profile cache of an enriching task: a Caffeine cache in front of the
 * {@link PatientDirectory} that also starts afresh whenever the registry's change counter has
 * moved. The counter is read at most once per {@code checkMillis}, so a registry change reaches
 * the stream within about that long instead of the entries' full lifetime, for one Redis GET per
 * task and interval. While Redis is down the entries live out their lifetime and misses go to the
 * registry. Not thread-safe; one per bolt task.
 */
public final class TaskProfileCache {

    public static final long CHECK_MILLIS = 1_000;

    private final PatientDirectory directory;
    private final Cache<String, Optional<PatientProfile>> local;
    /** The directory's profiles, sharing their strings ({@link SharedProfileStrings}). */
    private final Function<String, Optional<PatientProfile>> load;
    private final LongSupplier clock;
    private final long checkMillis;
    private long version = Long.MIN_VALUE;
    private long nextCheck = Long.MIN_VALUE;

    public TaskProfileCache(PatientDirectory directory, int maxEntries, long ttlMillis, LongSupplier clock) {
        this(directory, maxEntries, ttlMillis, CHECK_MILLIS, clock);
    }

    TaskProfileCache(PatientDirectory directory, int maxEntries, long ttlMillis, long checkMillis, LongSupplier clock) {
        this.directory = directory;
        this.local = newCache(maxEntries, ttlMillis, clock);
        this.load = new SharedProfileStrings().loading(directory::find);
        this.clock = clock;
        this.checkMillis = checkMillis;
    }

    /** A bounded profile cache whose entries live {@code ttlMillis} on {@code clock} (milliseconds). */
    public static Cache<String, Optional<PatientProfile>> newCache(int maxEntries, long ttlMillis, LongSupplier clock) {
        return Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(Duration.ofMillis(ttlMillis))
                .ticker(() -> clock.getAsLong() * 1_000_000L).executor(Runnable::run).build();
    }

    public Optional<PatientProfile> find(String patientId) {
        long now = clock.getAsLong();
        if (now >= nextCheck) {
            try {
                long current = directory.cacheVersion();
                if (current != version) {
                    local.invalidateAll();
                    version = current;
                }
            } catch (JedisException redisDown) {
                // entries stay until their lifetime ends; the first check once Redis is back starts afresh
                version = Long.MIN_VALUE;
            }
            nextCheck = now + checkMillis;
        }
        return local.get(patientId, load);
    }
}
