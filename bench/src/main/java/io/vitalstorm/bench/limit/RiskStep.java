package io.vitalstorm.bench.limit;

import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.thresholds.Thresholds;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The score + alert step of the limit loop: the same core calls RiskScoringBolt and AlertBolt
 * make, in one place, so that when the clinical engine changes only this class follows it.
 */
public final class RiskStep {

    /** What one enriched observation yields: its score, and the alert transition it caused, if any. */
    public record Outcome(ScoredObservation scored, Optional<AlertEvent> alert) {
    }

    /** (patient id, ward) → thresholds in force: {@code LiveThresholds::forPatient} in the loop. */
    private final BiFunction<String, String, Thresholds> thresholds;
    private final AlertEngine alerts;
    /** One scorer per thresholds object, as the scoring bolt keeps them. */
    private final Map<Thresholds, News2Scorer> scorers = new IdentityHashMap<>();

    public RiskStep(BiFunction<String, String, Thresholds> thresholds, EpisodeStore episodes) {
        this.thresholds = thresholds;
        this.alerts = new AlertEngine(episodes);
    }

    public Outcome apply(EnrichedObservation e) {
        Thresholds t = thresholds.apply(e.patientId(), e.profile().ward());
        ScoredObservation scored = scorers.computeIfAbsent(t, x -> new News2Scorer(x.scoring())).score(e);
        return new Outcome(scored, alerts.onScore(scored, t));
    }
}
