package io.vitalstorm.storage;

import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.cassandra.ChangeSource;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.RegistryRecord;
import io.vitalstorm.storage.redis.ProfileCache;
import redis.clients.jedis.exceptions.JedisException;

import java.util.Optional;

/** Finds a patient's profile: Redis cache first, the Cassandra registry on a miss (then cached) or a Redis outage. */
public final class PatientDirectory {

    private final ProfileCache cache;
    private final PatientRegistry registry;

    public PatientDirectory(ProfileCache cache, PatientRegistry registry) {
        this.cache = cache;
        this.registry = registry;
    }

    /**
     * The profile; while Redis cannot be reached, straight from the registry (the memory of
     * record), uncached: a Redis outage does not hold readings up at enrichment.
     */
    public Optional<PatientProfile> find(String patientId) {
        ProfileCache.Lookup cached;
        try {
            cached = cache.get(patientId);
        } catch (JedisException redisDown) {
            return registry.find(patientId);
        }
        if (cached instanceof ProfileCache.Lookup.Known known) {
            return Optional.of(known.profile());
        }
        if (cached instanceof ProfileCache.Lookup.KnownUnknown) {
            return Optional.empty();
        }
        Optional<PatientProfile> fromRegistry = registry.find(patientId);
        try {
            cache.put(patientId, fromRegistry);
        } catch (JedisException redisDown) {
            // found all the same; cached at a later miss
        }
        return fromRegistry;
    }

    /** Registers or updates a profile (an operator's change, with history) and drops the stale cache entry. */
    public void register(PatientProfile profile) {
        registry.save(profile);
        cache.invalidate(profile.patientId());
    }

    /** Writes a change from a hospital system (with its history row) and drops the stale cache entry. */
    public void apply(RegistryRecord next, Optional<RegistryRecord> before, String kind, String detail) {
        registry.apply(next, before, kind, detail);
        cache.invalidate(next.patientId());
    }

    /** Removes a profile (with its history row) and drops the cache entry. */
    public void remove(RegistryRecord before, ChangeSource source, java.time.Instant sourceTime, String detail) {
        registry.remove(before, source, sourceTime, detail);
        cache.invalidate(before.patientId());
    }

    public PatientRegistry registry() {
        return registry;
    }

    /** The registry change counter in-task caches watch. */
    public long cacheVersion() {
        return cache.version();
    }
}
