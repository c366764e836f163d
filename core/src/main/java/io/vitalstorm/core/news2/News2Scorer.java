package io.vitalstorm.core.news2;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.Spo2Scale;

import java.util.EnumMap;
import java.util.Map;

/** Scores one observation on the NEWS2 chart (RCP 2017), parameter by parameter. */
public final class News2Scorer {

    static final int SUPPLEMENTAL_OXYGEN_SCORE = 2;
    static final int NOT_ALERT_SCORE = 3;

    private final ScoringTables tables;

    public News2Scorer(ScoringTables tables) {
        this.tables = tables;
    }

    /** Scores on the SpO2 scale prescribed in the patient's profile. */
    public ScoredObservation score(EnrichedObservation e) {
        return new ScoredObservation(e, score(e.observation(), e.profile().spo2Scale()));
    }

    public News2Score score(Observation o, Spo2Scale scale) {
        Map<Parameter, Integer> sub = new EnumMap<>(Parameter.class);
        putIfPresent(sub, Parameter.RESPIRATORY_RATE, tables.respiratoryRate(), o.respiratoryRate());
        putIfPresent(sub, Parameter.SYSTOLIC_BP, tables.systolicBp(), o.systolicBp());
        putIfPresent(sub, Parameter.HEART_RATE, tables.heartRate(), o.heartRate());
        putIfPresent(sub, Parameter.TEMPERATURE, tables.temperature(), o.temperature());
        if (o.spo2() != null) {
            sub.put(Parameter.SPO2, spo2Table(scale, o.onOxygen()).score(o.spo2()));
        }
        if (o.onOxygen() != null) {
            sub.put(Parameter.AIR_OR_OXYGEN, o.onOxygen() ? SUPPLEMENTAL_OXYGEN_SCORE : 0);
        }
        if (o.consciousness() != null) {
            sub.put(Parameter.CONSCIOUSNESS, o.consciousness() == Consciousness.ALERT ? 0 : NOT_ALERT_SCORE);
        }
        int total = 0;
        boolean red = false;
        for (int s : sub.values()) {
            total += s;
            red |= s == 3;
        }
        return new News2Score(total, RiskBand.of(total, red), sub);
    }

    /**
     * Scale 2 scores high saturations only when they are reached on oxygen (over-oxygenation
     * risk in hypercapnic patients). With the oxygen flag unknown we read it as air, which
     * never adds points that the patient may not have; the score is then marked incomplete.
     */
    private ScoreTable spo2Table(Spo2Scale scale, Boolean onOxygen) {
        if (scale == Spo2Scale.SCALE_1) {
            return tables.spo2Scale1();
        }
        return Boolean.TRUE.equals(onOxygen) ? tables.spo2Scale2OnOxygen() : tables.spo2Scale2OnAir();
    }

    private static void putIfPresent(Map<Parameter, Integer> sub, Parameter p, ScoreTable table, Double value) {
        if (value != null) {
            sub.put(p, table.score(value));
        }
    }
}
