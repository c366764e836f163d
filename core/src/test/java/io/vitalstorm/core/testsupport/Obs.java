package io.vitalstorm.core.testsupport;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.News2Score;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.Parameter;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.news2.ScoringTables;

import java.time.Instant;

/** Fluent builder of {@link Observation}s for tests; every vital starts absent. */
public final class Obs {

    /** 2024-03-01T08:00:00Z, the start of every test timeline. */
    public static final long T0 = Instant.parse("2024-03-01T08:00:00Z").toEpochMilli();
    public static final long MINUTE = 60_000;

    private static final News2Scorer RCP = new News2Scorer(ScoringTables.RCP_2017);

    private final String patientId;
    private String deviceId = "dev-1";
    private long ts = T0;
    private Double heartRate;
    private Double respiratoryRate;
    private Double spo2;
    private Double systolicBp;
    private Double temperature;
    private Consciousness consciousness;
    private Boolean onOxygen;

    private Obs(String patientId) {
        this.patientId = patientId;
    }

    /** An observation with no vitals yet. */
    public static Obs of(String patientId) {
        return new Obs(patientId);
    }

    /** All seven parameters measured, each in its 0-point band: NEWS2 0 on either SpO2 scale. */
    public static Obs normal(String patientId) {
        return of(patientId).rr(16).spo2(97).air().sbp(120).hr(70).acvpu(Consciousness.ALERT).temp(37.0);
    }

    /**
     * A complete observation that scores in {@code band} on the RCP chart:
     * LOW 0, LOW_MEDIUM 3 (new confusion alone), MEDIUM 5 (RR 25 →3, HR 111 →2),
     * HIGH 8 (RR 25 →3, HR 131 →3, 39.1 °C →2).
     */
    public static Obs inBand(String patientId, RiskBand band) {
        return switch (band) {
            case LOW -> normal(patientId);
            case LOW_MEDIUM -> normal(patientId).acvpu(Consciousness.NEW_CONFUSION);
            case MEDIUM -> normal(patientId).rr(25).hr(111);
            case HIGH -> normal(patientId).rr(25).hr(131).temp(39.1);
        };
    }

    public Obs device(String id) {
        this.deviceId = id;
        return this;
    }

    public Obs at(long epochMillis) {
        this.ts = epochMillis;
        return this;
    }

    public Obs atMinute(long minutesAfterT0) {
        return at(T0 + minutesAfterT0 * MINUTE);
    }

    public Obs hr(double v) {
        heartRate = v;
        return this;
    }

    public Obs rr(double v) {
        respiratoryRate = v;
        return this;
    }

    public Obs spo2(double v) {
        spo2 = v;
        return this;
    }

    public Obs sbp(double v) {
        systolicBp = v;
        return this;
    }

    public Obs temp(double v) {
        temperature = v;
        return this;
    }

    public Obs acvpu(Consciousness level) {
        consciousness = level;
        return this;
    }

    public Obs air() {
        onOxygen = false;
        return this;
    }

    public Obs oxygen() {
        onOxygen = true;
        return this;
    }

    public Obs oxygenUnknown() {
        onOxygen = null;
        return this;
    }

    /** Sets one numeric NEWS2 parameter; for parameterized tests. */
    public Obs set(Parameter p, double value) {
        return switch (p) {
            case RESPIRATORY_RATE -> rr(value);
            case SPO2 -> spo2(value);
            case SYSTOLIC_BP -> sbp(value);
            case HEART_RATE -> hr(value);
            case TEMPERATURE -> temp(value);
            default -> throw new IllegalArgumentException(p + " is not numeric");
        };
    }

    public Observation build() {
        return new Observation(patientId, deviceId, ts, heartRate, respiratoryRate, spo2, systolicBp,
                temperature, consciousness, onOxygen);
    }

    public EnrichedObservation enrichedWith(PatientProfile profile) {
        return new EnrichedObservation(build(), profile, true);
    }

    /** Scored with the RCP 2017 chart on the profile's SpO2 scale, as the topology does. */
    public ScoredObservation scoredFor(PatientProfile profile) {
        return RCP.score(enrichedWith(profile));
    }

    /** Scored with the RCP 2017 chart on SpO2 scale 1. */
    public News2Score score() {
        return score(Spo2Scale.SCALE_1);
    }

    public News2Score score(Spo2Scale scale) {
        return RCP.score(build(), scale);
    }
}
