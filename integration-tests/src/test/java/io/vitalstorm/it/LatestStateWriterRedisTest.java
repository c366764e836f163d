package io.vitalstorm.it;

import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.redis.LatestStateWriter;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latest-state writer against the real Redis: out-of-order and replayed batches never overwrite a newer
 * reading, whether the writer knows the stored version (plain writes) or not (the script: after a restart, after
 * forgetting a quiet patient), and what it remembers per patient is released.
 */
class LatestStateWriterRedisTest {

    private static final News2Scorer SCORER = new News2Scorer(ScoringTables.RCP_2017);
    private static final long T0 = 1_767_100_000_000L;
    private static final String P1 = "LSW-1";
    private static final String P2 = "LSW-2";

    private static final PatientProfile WARD = new PatientProfile("-", "N", 70, "LSW-Ward", "t", "d",
            Spo2Scale.SCALE_1, null);

    /** A wrist band's reading (heart rate, respiratory rate 16, SpO2 97). */
    private static ScoredObservation band(String patient, long ts, double hr) {
        return scored(new Observation(patient, "band", ts, hr, 16.0, 97.0, null, null, null, null));
    }

    /** A cuff's reading: systolic blood pressure alone. */
    private static ScoredObservation cuff(String patient, long ts, double systolic) {
        return scored(new Observation(patient, "cuff", ts, null, null, null, systolic, null, null, null));
    }

    private static ScoredObservation scored(Observation o) {
        return SCORER.score(new EnrichedObservation(o, WARD, true));
    }

    @Test
    void outOfOrderAndReplayedBatchesNeverOverwriteANewerReadingAndQuietPatientsAreReleased() {
        var settings = LocalVitalStorm.settings(LocalInfrastructure.shared(), "lsw", "vitalstorm_lsw");
        try (JedisPooled redis = RedisClients.open(settings)) {
            redis.del(RedisKeys.latest(P1), RedisKeys.latest(P2));
            long[] now = {0};
            LatestStateWriter writer = new LatestStateWriter(redis, 1_000, Duration.ofMinutes(10), () -> now[0]);

            List<ScoredObservation> first = List.of(band(P1, T0, 80), band(P2, T0, 70));
            writer.write(first);
            assertThat(writer.checkedWrites()).as("first sight: the script").isEqualTo(2);
            assertThat(writer.rememberedPatients()).isEqualTo(2);

            // out of order within the batch, and one reading older than what Redis holds
            writer.write(List.of(cuff(P1, T0 + 3_000, 120), band(P1, T0 + 2_000, 85), band(P1, T0 - 500, 50)));
            assertThat(writer.checkedWrites()).as("known now: no script").isEqualTo(2);
            assertThat(writer.plainWrites()).isEqualTo(1);
            Map<String, String> p1 = redis.hgetAll(RedisKeys.latest(P1));
            assertThat(p1).containsEntry("ts", Long.toString(T0 + 3_000)).containsEntry("systolicBp", "120")
                    .containsEntry("heartRate", "85").containsEntry("spo2", "97").containsEntry("deviceId", "cuff");
            assertThat(redis.zscore(RedisKeys.riskOfWard("LSW-Ward"), P1)).isNotNull();

            writer.write(first); // a replay of the first batch
            assertThat(writer.plainWrites()).as("P2's replay is as new as Redis: rewritten, P1's dropped").isEqualTo(2);
            assertThat(redis.hgetAll(RedisKeys.latest(P1))).as("nothing written for P1").isEqualTo(p1);

            // a restarted task knows nothing: the script refuses the replay and tells the ts Redis holds
            LatestStateWriter restarted = new LatestStateWriter(redis, 1_000, Duration.ofMinutes(10), () -> now[0]);
            restarted.write(List.of(band(P1, T0 + 2_000, 85)));
            assertThat(restarted.checkedWrites()).isEqualTo(1);
            restarted.write(List.of(band(P1, T0 + 2_500, 99))); // older than Redis: dropped without a script
            assertThat(restarted.checkedWrites()).isEqualTo(1);
            assertThat(redis.hget(RedisKeys.latest(P1), "heartRate")).isEqualTo("85");
            assertThat(redis.hget(RedisKeys.latest(P1), "ts")).isEqualTo(Long.toString(T0 + 3_000));

            // quiet patients leave the writer's memory; their next write is checked again
            now[0] += Duration.ofMinutes(11).toNanos();
            assertThat(writer.rememberedPatients()).isZero();
            writer.write(List.of(band(P1, T0 + 1_000, 60), band(P1, T0 + 4_000, 88)));
            assertThat(writer.checkedWrites()).isEqualTo(4);
            assertThat(writer.rememberedPatients()).isEqualTo(1);
            assertThat(redis.hget(RedisKeys.latest(P1), "ts")).isEqualTo(Long.toString(T0 + 4_000));
            assertThat(redis.hget(RedisKeys.latest(P1), "heartRate")).isEqualTo("88");
            assertThat(redis.hget(RedisKeys.latest(P1), "systolicBp")).isEqualTo("120");
        }
    }
}
