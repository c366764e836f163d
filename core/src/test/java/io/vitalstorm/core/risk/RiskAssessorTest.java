package io.vitalstorm.core.risk;

import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.Parameter;
import io.vitalstorm.core.scenario.ClinicalScenarios;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Freshness, spot checks and checkpoints of the per-patient risk engine. */
class RiskAssessorTest {

    private static final PatientProfile PROFILE = PatientProfile.unknown("P");

    /** Stands in for Redis: bytes that outlive the assessors. */
    private final Map<String, byte[]> durable = new HashMap<>();
    private final RiskStateStore store = new RiskStateStore() {
        @Override
        public Optional<byte[]> load(String patientId) {
            return Optional.ofNullable(durable.get(patientId));
        }

        @Override
        public void saveAll(Map<String, byte[]> states) {
            durable.putAll(states);
        }
    };

    private static Assessment assess(RiskAssessor r, Observation o) {
        return r.assess(new EnrichedObservation(o, PROFILE, false), Thresholds.DEFAULTS);
    }

    @Test
    void aWristBandReadingIsScoredWithTheCuffAndNurseValuesStillValidAndSaysWhichWereCarried() {
        RiskAssessor r = new RiskAssessor(RiskStateStore.none());
        assess(r, Obs.of("P").atMinute(0).sbp(95).temp(38.5).acvpu(io.vitalstorm.core.model.Consciousness.ALERT)
                .build());
        Assessment a = assess(r, Obs.of("P").atMinute(20).hr(95).spo2(96).build());

        assertThat(a.scored().score().carried()).containsExactlyInAnyOrder(Parameter.SYSTOLIC_BP, Parameter.TEMPERATURE,
                Parameter.CONSCIOUSNESS);
        assertThat(a.scored().score().total()).isEqualTo(2 + 1 + 1); // SBP 95, 38.5 °C, HR 95
        assertThat(a.news2().active()).as("one wrist-band reading is not sustained").isFalse();
    }

    @Test
    void aSpotCheckAtTheTriggerCountsAtOnce() {
        RiskAssessor r = new RiskAssessor(RiskStateStore.none());
        Assessment a = assess(r, Obs.of("P").atMinute(0).sbp(88).build());
        assertThat(a.news2().active()).isTrue();
        assertThat(a.news2().reason()).isEqualTo("spot check NEWS2 3 (LOW_MEDIUM)");
    }

    @Test
    void aCheckpointWritesEachChangedPatientOnceInOneCallHoweverManyReadingsTheyHad() {
        List<Map<String, byte[]>> calls = new ArrayList<>();
        RiskAssessor r = new RiskAssessor(new RiskStateStore() {
            @Override
            public Optional<byte[]> load(String patientId) {
                return Optional.empty();
            }

            @Override
            public void saveAll(Map<String, byte[]> states) {
                calls.add(Map.copyOf(states));
            }
        });
        for (int minute = 0; minute < 30; minute++) {
            assess(r, Obs.of("A").atMinute(minute).hr(80 + minute % 5).spo2(96).build());
            assess(r, Obs.of("B").atMinute(minute).hr(70).spo2(97).build());
        }
        assess(r, Obs.of("C").atMinute(3).sbp(120).build());

        assertThat(r.checkpoint()).isEqualTo(3);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).containsOnlyKeys("A", "B", "C");
        assertThat(r.checkpoint()).as("nothing changed since: nothing written").isZero();
        assertThat(calls).hasSize(1);

        assess(r, Obs.of("B").atMinute(31).hr(71).spo2(97).build());
        assess(r, Obs.of("B").atMinute(32).hr(72).spo2(97).build());
        assertThat(r.checkpoint()).isEqualTo(1);
        assertThat(calls.get(1)).containsOnlyKeys("B");
    }

    @Test
    void aRestartFromTheCheckpointGivesExactlyTheAssessmentsOfAnUninterruptedRun() {
        List<Observation> stream = ClinicalScenarios.hypoxiaScale1("P", Obs.T0).readings();
        List<Assessment> uninterrupted = new ArrayList<>();
        RiskAssessor once = new RiskAssessor(RiskStateStore.none());
        stream.forEach(o -> uninterrupted.add(assess(once, o)));

        List<Assessment> restarted = new ArrayList<>();
        RiskAssessor before = new RiskAssessor(store);
        int half = stream.size() / 2 + 7; // mid-bucket
        stream.subList(0, half).forEach(o -> restarted.add(assess(before, o)));
        assertThat(before.checkpoint()).isEqualTo(1);
        assertThat(before.pendingCheckpoint()).isZero();

        RiskAssessor after = new RiskAssessor(store);
        stream.subList(half, stream.size()).forEach(o -> restarted.add(assess(after, o)));

        assertThat(after.restored()).isEqualTo(1);
        assertThat(restarted).isEqualTo(uninterrupted);
        assertThat(uninterrupted).anySatisfy(a -> assertThat(a.news2().active()).isTrue());
    }

    @Test
    void anUnreadableCheckpointStartsThePatientAfreshAndIsCounted() {
        durable.put("P", new byte[] {42, 1, 2});
        RiskAssessor r = new RiskAssessor(store);
        assess(r, Obs.of("P").atMinute(0).hr(80).build());
        assertThat(r.unreadable()).isEqualTo(1);
        assertThat(r.restored()).isZero();
    }

    @Test
    void aSteadyClimbOfHeartRateIsATrendWhileNews2IsStillZero() {
        RiskAssessor r = new RiskAssessor(RiskStateStore.none());
        java.util.Random noise = new java.util.Random(11);
        Assessment last = null;
        Assessment firstTrend = null;
        for (int s = 0; s < 12 * 60; s++) {
            // 68 → 89 bpm over 12 min (about 17 bpm per 10 min): every value still scores 0
            double hr = Math.round(68 + 21.0 * s / 720 + noise.nextGaussian() * 2);
            last = assess(r, Obs.of("P").at(Obs.T0 + s * 1_000L).hr(Math.min(hr, 90)).rr(15).spo2(97).build());
            if (firstTrend == null && last.trend().active()) {
                firstTrend = last;
            }
        }
        assertThat(firstTrend).isNotNull();
        assertThat(firstTrend.trend().reason()).startsWith("heart rate rising").endsWith("per 10 min, sustained");
        assertThat(firstTrend.news2().band()).isEqualTo(io.vitalstorm.core.news2.RiskBand.LOW);
        assertThat(firstTrend.news2().news2()).isZero();
    }

    @Test
    void aSteadyPatientsJitterIsNoTrend() {
        RiskAssessor r = new RiskAssessor(RiskStateStore.none());
        java.util.Random noise = new java.util.Random(12);
        for (int s = 0; s < 60 * 60; s++) {
            Assessment a = assess(r,
                    Obs.of("P").at(Obs.T0 + s * 1_000L).hr((double) Math.round(76 + noise.nextGaussian() * 2))
                    .rr((double) Math.round(15 + noise.nextGaussian()))
                    .spo2((double) Math.round(97 + noise.nextGaussian() * 0.7)).build());
            assertThat(a.trend().active()).as("second %d: %s", s, a.trend().reason()).isFalse();
        }
    }

    @Test
    void aCheckpointOfTheFormerFormatWithoutSourcesIsStillRead() throws java.io.IOException {
        // format 2, written before each value kept its source: systolic BP 120 measured at T0, nothing else
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(2);
            out.writeLong(300_000);
            out.writeLong(30_000);
            out.writeLong(10_000);
            out.writeLong(60_000);
            out.writeLong(Obs.T0);
            for (io.vitalstorm.core.news2.Parameter p : io.vitalstorm.core.news2.Parameter.values()) {
                out.writeLong(p == io.vitalstorm.core.news2.Parameter.SYSTOLIC_BP ? Obs.T0 : Long.MIN_VALUE);
                if (p == io.vitalstorm.core.news2.Parameter.SYSTOLIC_BP) {
                    out.writeFloat(120f);
                }
            }
            out.writeLong(Obs.T0);
            out.writeLong(Long.MIN_VALUE);
            out.writeInt(0);
            out.writeByte(0);
            out.writeByte(0);
            out.writeInt(Integer.MIN_VALUE);
            out.writeByte(12);
            out.write(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1});
            out.writeShort(0);
            out.writeShort(0);
            out.writeByte(0);
            out.writeShort(0);
            out.writeUTF("");
            out.writeUTF("");
        }
        durable.put("P", bytes.toByteArray());
        RiskAssessor r = new RiskAssessor(store);
        Assessment a = assess(r, Obs.of("P").atMinute(1).hr(80).spo2(97).rr(15).build());
        assertThat(r.restored()).isEqualTo(1);
        assertThat(r.unreadable()).isZero();
        assertThat(a.scored().score().carried()).as("the pressure read back from the old checkpoint")
                .contains(io.vitalstorm.core.news2.Parameter.SYSTOLIC_BP);
    }
}
