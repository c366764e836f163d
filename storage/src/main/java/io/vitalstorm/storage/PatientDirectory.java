package io.vitalstorm.storage;

import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.cassandra.ChangeSource;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.RegistryRecord;
import io.vitalstorm.storage.redis.ProfileCache;

import java.util.Optional;

/** Finds a patient's profile: Redis cache first, the Cassandra registry on a miss (then cached). */
public final class PatientDirectory {

    private final ProfileCache cache;
    private final PatientRegistry registry;

    public PatientDirectory(ProfileCache cache, PatientRegistry registry) {
        this.cache = cache;
        this.registry = registry;
    }

    public Optional<PatientProfile> find(String patientId) {
        ProfileCache.Lookup cached = cache.get(patientId);
        if (cached instanceof ProfileCache.Lookup.Known known) {
            return Optional.of(known.profile());
        }
        if (cached instanceof ProfileCache.Lookup.KnownUnknown) {
            return Optional.empty();
        }
        Optional<PatientProfile> fromRegistry = registry.find(patientId);
        cache.put(patientId, fromRegistry);
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
