package io.vitalstorm.bench.limit;

import com.github.benmanes.caffeine.cache.Cache;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.ProfileEnricher;
import io.vitalstorm.storage.SharedProfileStrings;

import java.util.Optional;
import java.util.function.Function;

/**
 * The enrich step as ReadingPipelineBolt does it: an in-process cache of the bolt's size and lifetime in
 * front of a profile source (the Redis/Cassandra PatientDirectory in the limit loop); unknown
 * patients are flagged, never dropped; cached profiles share their strings as the bolt's do.
 */
public final class Enricher {

    private final Cache<String, Optional<PatientProfile>> local = ProfileEnricher.newLocalCache();
    private final Function<String, Optional<PatientProfile>> source;

    public Enricher(Function<String, Optional<PatientProfile>> source) {
        this.source = new SharedProfileStrings().loading(source);
    }

    public EnrichedObservation enrich(Observation o) {
        return ProfileEnricher.enriched(o, local.get(o.patientId(), source));
    }
}
