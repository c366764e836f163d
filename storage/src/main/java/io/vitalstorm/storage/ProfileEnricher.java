package io.vitalstorm.storage;

import com.github.benmanes.caffeine.cache.Cache;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;

import java.util.Optional;
import java.util.function.Function;

/**
 * The enrich step without Storm: an observation fused with its patient's registry profile; an
 * unknown patient is flagged ({@code knownPatient=false}, SpO2 scale 1), never dropped. The
 * enrich step's cache size and lifetime live here, so ReadingPipelineBolt, the bench's limit loop and its
 * Flink peer enrich alike.
 */
public final class ProfileEnricher {

    /** Entry lifetime; a registry change reaches the stream sooner, within TaskProfileCache.CHECK_MILLIS. */
    public static final long LOCAL_CACHE_TTL_MS = 30_000;
    public static final int LOCAL_CACHE_ENTRIES = 50_000;

    private final Function<String, Optional<PatientProfile>> profiles;

    /** @param profiles patient id → profile (a cache in front of the registry) */
    public ProfileEnricher(Function<String, Optional<PatientProfile>> profiles) {
        this.profiles = profiles;
    }

    /** What an enrich task runs: its {@link TaskProfileCache} of this size and lifetime before {@code directory}. */
    public static ProfileEnricher forTask(PatientDirectory directory) {
        return new ProfileEnricher(newTaskCache(directory)::find);
    }

    public static TaskProfileCache newTaskCache(PatientDirectory directory) {
        return new TaskProfileCache(directory, LOCAL_CACHE_ENTRIES, LOCAL_CACHE_TTL_MS, System::currentTimeMillis);
    }

    /** A profile cache of the enrich task's size and lifetime, without the registry change check. */
    public static Cache<String, Optional<PatientProfile>> newLocalCache() {
        return TaskProfileCache.newCache(LOCAL_CACHE_ENTRIES, LOCAL_CACHE_TTL_MS, System::currentTimeMillis);
    }

    public EnrichedObservation enrich(Observation o) {
        return enriched(o, profiles.apply(o.patientId()));
    }

    /** The observation with its profile, or flagged unknown when there is none. */
    public static EnrichedObservation enriched(Observation o, Optional<PatientProfile> profile) {
        return profile.map(p -> new EnrichedObservation(o, p, true))
                .orElseGet(() -> new EnrichedObservation(o, PatientProfile.unknown(o.patientId()), false));
    }
}
