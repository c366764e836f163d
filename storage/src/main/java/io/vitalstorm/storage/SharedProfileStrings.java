package io.vitalstorm.storage;

import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.StringPool;

import java.util.Optional;
import java.util.function.Function;

/**
 * Profiles as a profile cache keeps them: the profile's patient id is the cache key's own string,
 * and the ward, care team and responsible doctor — the same few values for all the patients of a
 * ward, yet a new string in every profile read from the registry — are one instance each. The
 * profiles are equal to the registry's; only duplicate strings go (about 200 bytes per cached
 * patient). At most {@link #MAX_SHARED} distinct values are pooled ({@link StringPool}).
 */
public final class SharedProfileStrings {

    static final int MAX_SHARED = 10_000;

    private final StringPool pool = new StringPool(MAX_SHARED);

    /** {@code source} (patient id → registry profile) with the profiles it returns sharing their strings. */
    public Function<String, Optional<PatientProfile>> loading(Function<String, Optional<PatientProfile>> source) {
        return id -> source.apply(id).map(p -> share(id, p));
    }

    /** The same profile with {@code key} as its patient id (when equal) and pooled ward, care team and doctor. */
    PatientProfile share(String key, PatientProfile p) {
        return new PatientProfile(p.patientId().equals(key) ? key : p.patientId(), p.displayName(), p.age(),
                pool.shared(p.ward()), pool.shared(p.careTeam()), pool.shared(p.responsibleDoctor()), p.spo2Scale(),
                p.contactChannel(), p.identifiers());
    }
}
