package io.vitalstorm.bench.limit;

import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.core.thresholds.Thresholds;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The score + alert step of the limit loop: the same core calls ReadingPipelineBolt (risk engine,
 * state checkpoint) and AlertBolt (alert lifecycle) make, in one place, so that when the
 * clinical engine changes only this class follows it.
 */
public final class RiskStep {

    /** What one enriched observation yields: the risk engine's assessment and the alert transitions it caused. */
    public record Outcome(Assessment assessment, List<AlertEvent> alerts) {
        public ScoredObservation scored() {
            return assessment.scored();
        }
    }

    /** (patient id, ward) → thresholds in force: {@code LiveThresholds::forPatient} in the loop. */
    private final BiFunction<String, String, Thresholds> thresholds;
    private final RiskAssessor assessor;
    private final AlertEngine alerts;

    public RiskStep(BiFunction<String, String, Thresholds> thresholds, RiskStateStore states, EpisodeStore episodes) {
        this.thresholds = thresholds;
        this.assessor = new RiskAssessor(states);
        this.alerts = new AlertEngine(episodes);
    }

    public Outcome apply(EnrichedObservation e) {
        Thresholds t = thresholds.apply(e.patientId(), e.profile().ward());
        Assessment a = assessor.assess(e, t);
        return new Outcome(a, alerts.onAssessment(a, t, System.currentTimeMillis()));
    }

    /** Saves the risk state of the patients that changed, as ReadingPipelineBolt does before it acks. */
    public void checkpoint() {
        assessor.checkpoint();
    }
}
