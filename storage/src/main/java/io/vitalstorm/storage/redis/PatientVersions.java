package io.vitalstorm.storage.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Collection;

/**
 * What one latest-state writer knows of Redis: per patient, the event time ({@code ts}) that Redis
 * holds for the patient's latest hash because this writer put it there (or its script read it
 * there). Bounded, and a patient quiet for {@code forgetAfter} is forgotten: the next write for
 * them is a checked (script) write again. Knowledge is dropped, never guessed: a write whose
 * outcome is unknown forgets its patients.
 */
final class PatientVersions {

    private final Cache<String, Long> known;

    PatientVersions(long maxPatients, Duration forgetAfter, Ticker ticker) {
        this.known = Caffeine.newBuilder()
                .maximumSize(maxPatients)
                .expireAfterAccess(forgetAfter)
                .ticker(ticker)
                .executor(Runnable::run) // evictions on the writer's thread: no pool thread per task
                .build();
    }

    /** The ts Redis holds for the patient as far as this writer knows, or null when it does not know. */
    Long known(String patientId) {
        return known.getIfPresent(patientId);
    }

    /** Redis now holds {@code ts} (or newer, if an older entry says so) for the patient. */
    void holds(String patientId, long ts) {
        known.asMap().merge(patientId, ts, Math::max);
    }

    void forget(Collection<String> patientIds) {
        known.invalidateAll(patientIds);
    }

    /** Patients remembered now, after dropping those quiet too long. */
    long remembered() {
        known.cleanUp();
        return known.estimatedSize();
    }
}
