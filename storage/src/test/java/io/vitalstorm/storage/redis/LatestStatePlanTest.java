package io.vitalstorm.storage.redis;

import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.news2.ScoringTables;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-patient coalescing and the version memory of the latest-state writer, without Redis. */
class LatestStatePlanTest {

    private static final News2Scorer SCORER = new News2Scorer(ScoringTables.RCP_2017);
    private static final long T0 = 1_767_000_000_000L;

    static ScoredObservation band(String patient, long ts, double hr) {
        return score(new Observation(patient, "band", ts, hr, 16.0, 97.0, null, null, null, null));
    }

    static ScoredObservation cuff(String patient, long ts, double systolic) {
        return score(new Observation(patient, "cuff", ts, null, null, null, systolic, null, null, null));
    }

    private static ScoredObservation score(Observation o) {
        PatientProfile p = new PatientProfile(o.patientId(), "N", 70, "5A", "team", "dr", Spo2Scale.SCALE_1, null);
        return SCORER.score(new EnrichedObservation(o, p, true));
    }

    @Test
    void aKnownPatientGetsOnePlainWriteOfItsNewerReadingsFoldedOldestFirst() {
        List<ScoredObservation> batch = List.of(
                cuff("P1", T0 + 3_000, 120), band("P1", T0 + 2_000, 85), band("P1", T0 - 500, 50),
                band("P2", T0 + 1_000, 70));
        List<LatestStatePlan.Write> writes = LatestStatePlan.plan(batch, Map.of("P1", T0, "P2", T0)::get, 42);

        assertThat(writes).hasSize(2);
        LatestStatePlan.Write p1 = writes.get(0);
        assertThat(p1.checked()).isFalse();
        assertThat(p1.ts()).isEqualTo(T0 + 3_000);
        assertThat(p1.fields()).containsEntry("ts", Long.toString(T0 + 3_000))
                .containsEntry("systolicBp", "120")
                .containsEntry("heartRate", "85") // from the 2 s reading, newer than Redis; the stale 50 is gone
                .containsEntry("deviceId", "cuff")
                .containsEntry("news2", Integer.toString(cuff("P1", T0 + 3_000, 120).score().total()))
                .containsEntry("updatedAt", "42");
        assertThat(writes.get(1).patientId()).isEqualTo("P2");
    }

    @Test
    void readingsAllOlderThanWhatRedisHoldsSendNothingAndOneAsNewStillReplacesIt() {
        assertThat(LatestStatePlan.plan(List.of(band("P1", T0 - 1, 80), band("P1", T0 - 2_000, 81)),
                Map.of("P1", T0)::get, 0)).isEmpty();
        assertThat(LatestStatePlan.plan(List.of(band("P1", T0, 80)), Map.of("P1", T0)::get, 0))
                .singleElement().satisfies(w -> assertThat(w.checked()).isFalse());
    }

    @Test
    void anUnknownPatientGetsACheckedWritePerReadingOldestFirst() {
        List<LatestStatePlan.Write> writes = LatestStatePlan.plan(
                List.of(band("P1", T0 + 2_000, 82), band("P1", T0, 80), band("P1", T0 + 1_000, 81)),
                p -> null, 0);
        assertThat(writes).allSatisfy(w -> assertThat(w.checked()).isTrue())
                .extracting(LatestStatePlan.Write::ts).containsExactly(T0, T0 + 1_000, T0 + 2_000);
        assertThat(writes.get(0).fields()).containsEntry("heartRate", "80").doesNotContainKey("systolicBp");
    }

    @Test
    void quietPatientsAreForgottenAndTheMemoryIsBounded() {
        long[] now = {0};
        PatientVersions versions = new PatientVersions(3, Duration.ofMinutes(10), () -> now[0]);
        versions.holds("P1", T0);
        versions.holds("P2", T0);
        versions.holds("P1", T0 - 5); // an older answer never lowers what is known
        assertThat(versions.known("P1")).isEqualTo(T0);
        assertThat(versions.remembered()).isEqualTo(2);

        now[0] += Duration.ofMinutes(6).toNanos();
        versions.holds("P2", T0 + 1);
        now[0] += Duration.ofMinutes(6).toNanos();
        assertThat(versions.remembered()).as("P1 quiet 12 min, P2 written 6 min ago").isEqualTo(1);
        assertThat(versions.known("P1")).isNull();

        for (int i = 0; i < 10; i++) {
            versions.holds("Q" + i, T0);
        }
        assertThat(versions.remembered()).isEqualTo(3);
        versions.forget(List.of("Q9", "Q8", "Q7"));
        assertThat(versions.known("Q9")).isNull();
    }

    /**
     * Random batches, shuffled, with replays of earlier readings and the writer forgetting (restart, quiet),
     * applied to a model of Redis that runs the script's rule for checked writes: the stored ts is always the newest
     * delivered, and no vital is ever replaced by a value from an older reading than the one it came from.
     */
    @Test
    void noOlderReadingEverOverwritesANewerOneWhateverTheOrderReplaysAndForgetting() {
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            PatientVersions versions = new PatientVersions(1_000, Duration.ofDays(1), () -> 0);
            Map<String, Map<String, String>> redis = new HashMap<>();
            Map<String, Long> newest = new HashMap<>();
            Map<String, Long> hrSource = new HashMap<>();
            Map<String, Long> bpSource = new HashMap<>();
            List<ScoredObservation> sent = new ArrayList<>();
            for (int round = 0; round < 30; round++) {
                List<ScoredObservation> batch = new ArrayList<>();
                for (int i = random.nextInt(8); i >= 0; i--) {
                    String p = "P" + random.nextInt(3);
                    long s = random.nextInt(100);
                    // a vital's value tells the second it was measured
                    long ts = T0 + s * 1_000;
                    batch.add(random.nextBoolean() ? band(p, ts, 40 + s) : cuff(p, ts, 100 + s));
                }
                for (int i = random.nextInt(3); i > 0 && !sent.isEmpty(); i--) {
                    batch.add(sent.get(random.nextInt(sent.size()))); // a replay
                }
                sent.addAll(batch);
                if (random.nextInt(5) == 0) {
                    versions = new PatientVersions(1_000, Duration.ofDays(1), () -> 0); // a restarted task
                }
                PatientVersions v = versions;
                for (LatestStatePlan.Write w : LatestStatePlan.plan(batch, v::known, 0)) {
                    Map<String, String> hash = redis.computeIfAbsent(w.patientId(), p -> new HashMap<>());
                    long stored = hash.containsKey("ts") ? Long.parseLong(hash.get("ts")) : Long.MIN_VALUE;
                    if (w.checked() && stored > w.ts()) {
                        v.holds(w.patientId(), stored);
                        continue;
                    }
                    hash.putAll(w.fields());
                    v.holds(w.patientId(), w.ts());
                }
                for (ScoredObservation s : batch) {
                    newest.merge(s.patientId(), s.ts(), Math::max);
                }
                for (var e : redis.entrySet()) {
                    String p = e.getKey();
                    Map<String, String> hash = e.getValue();
                    assertThat(Long.parseLong(hash.get("ts"))).as("seed %d round %d %s", seed, round, p)
                            .isEqualTo(newest.get(p));
                    long hr = second(hash, "heartRate", 40);
                    long bp = second(hash, "systolicBp", 100);
                    assertThat(hr).as("seed %d round %d %s heart rate", seed, round, p)
                            .isGreaterThanOrEqualTo(hrSource.getOrDefault(p, -1L));
                    assertThat(bp).as("seed %d round %d %s blood pressure", seed, round, p)
                            .isGreaterThanOrEqualTo(bpSource.getOrDefault(p, -1L));
                    hrSource.put(p, hr);
                    bpSource.put(p, bp);
                }
            }
        }
    }

    /** The second a stored vital was measured in (see the random readings), -1 when absent. */
    private static long second(Map<String, String> hash, String vital, long base) {
        return hash.containsKey(vital) ? (long) Double.parseDouble(hash.get(vital)) - base : -1;
    }
}
