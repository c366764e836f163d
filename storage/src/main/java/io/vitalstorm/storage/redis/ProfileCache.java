package io.vitalstorm.storage.redis;

import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.PatientProfileJson;
import io.vitalstorm.core.model.PatientProfile;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

import java.util.Optional;

/**
 * Registry profiles cached in Redis. Unknown patients are cached too, briefly, so a stream
 * from an unregistered device does not hit Cassandra on every reading, yet a patient
 * registered a minute later is picked up.
 */
public final class ProfileCache {

    static final String UNKNOWN_MARKER = "-";
    static final long KNOWN_TTL_SECONDS = 3_600;
    static final long UNKNOWN_TTL_SECONDS = 60;

    /** What the cache knows: a profile, that there is none, or nothing. */
    public sealed interface Lookup {
        record Known(PatientProfile profile) implements Lookup { }
        record KnownUnknown() implements Lookup { }
        record Miss() implements Lookup { }
    }

    private final JedisPooled redis;

    public ProfileCache(JedisPooled redis) {
        this.redis = redis;
    }

    public Lookup get(String patientId) {
        String v = redis.get(RedisKeys.profile(patientId));
        if (v == null) {
            return new Lookup.Miss();
        }
        if (UNKNOWN_MARKER.equals(v)) {
            return new Lookup.KnownUnknown();
        }
        return new Lookup.Known(PatientProfileJson.parse(v));
    }

    public void put(String patientId, Optional<PatientProfile> profile) {
        if (profile.isPresent()) {
            redis.set(RedisKeys.profile(patientId), Json.string(PatientProfileJson.toJson(profile.get())),
                    SetParams.setParams().ex(KNOWN_TTL_SECONDS));
        } else {
            redis.set(RedisKeys.profile(patientId), UNKNOWN_MARKER, SetParams.setParams().ex(UNKNOWN_TTL_SECONDS));
        }
    }

    /**
     * Called when the registry changes a profile, so the next reading sees it: drops the cached
     * entry, then raises the version that in-task caches watch ({@link RedisKeys#PROFILE_VERSION}).
     */
    public void invalidate(String patientId) {
        redis.del(RedisKeys.profile(patientId));
        redis.incr(RedisKeys.PROFILE_VERSION);
    }

    /** The registry change counter (0 before the first change). */
    public long version() {
        String v = redis.get(RedisKeys.PROFILE_VERSION);
        return v == null ? 0 : Long.parseLong(v);
    }
}
