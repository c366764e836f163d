package io.vitalstorm.it;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.alert.EpisodeRebuild;
import io.vitalstorm.core.alert.PastTransition;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.storage.cassandra.AlertStore;
import io.vitalstorm.storage.cassandra.CassandraAlertHistory;
import io.vitalstorm.storage.cassandra.CassandraReadingHistory;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reads that rebuild Redis-lost state, on the real Cassandra: readings written by the history
 * writer come back through {@link CassandraReadingHistory} oldest first and only in their range,
 * and a risk state rebuilt from them scores the next reading as the engine that saw them all;
 * transitions written by the alert store come back through {@link CassandraAlertHistory} and
 * rebuild the alert under its id; an unreadable store fails the read, then fails fast.
 */
class RebuildHistoryCassandraTest {

    /** Just before midnight UTC: the readings span two day partitions. */
    private static final long T0 = Instant.parse("2026-05-04T23:50:00Z").toEpochMilli();

    private static ServerClients servers;
    private static String ks;

    @BeforeAll
    static void open() {
        servers = ServerClients.open("rebuild");
        ks = servers.settings.cassandraKeyspace();
    }

    @AfterAll
    static void close() {
        servers.close();
    }

    private static EnrichedObservation enriched(Observation o) {
        return new EnrichedObservation(o, new PatientProfile(o.patientId(), "Name", 70, "5A", "team-5A", "dr-5A",
                Spo2Scale.SCALE_1, null), true);
    }

    private static Observation reading(String patient, int i) {
        return new Observation(patient, "band-" + patient, T0 + i * 30_000L, 120.0 + i, 22.0, 94.0, null, null, null,
                null);
    }

    @Test
    void storedReadingsComeBackOldestFirstAndARebuiltStateScoresAsTheEngineThatSawThemAll() {
        String patient = "RB-R1";
        RiskAssessor oracle = new RiskAssessor(RiskStateStore.none());
        List<Observation> readings = new ArrayList<>();
        List<Assessment> assessed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            readings.add(reading(patient, i));
            assessed.add(oracle.assess(enriched(readings.get(i)), Thresholds.DEFAULTS));
        }
        new HistoryWriter(servers.cassandra, ks, servers.settings.retentionDays())
                .write(assessed.subList(0, 39).stream().map(Assessment::scored).toList()).toCompletableFuture().join();
        CassandraReadingHistory history = new CassandraReadingHistory(() -> servers.cassandra, ks);

        assertThat(history.readings(patient, T0, T0 + 39 * 30_000L)).as("oldest first, across midnight")
                .containsExactlyElementsOf(readings.subList(0, 39));
        assertThat(history.readings(patient, T0 + 10 * 30_000L, T0 + 20 * 30_000L)).as("from <= ts < to")
                .containsExactlyElementsOf(readings.subList(10, 20));
        assertThat(history.readings("RB-nobody", T0, T0 + 39 * 30_000L)).isEmpty();

        RiskAssessor rebuilt = new RiskAssessor(RiskStateStore.none(), history, System::currentTimeMillis);
        assertThat(rebuilt.assess(enriched(readings.get(39)), Thresholds.DEFAULTS)).isEqualTo(assessed.get(39));
        assertThat(rebuilt.rebuilt()).isEqualTo(1);
        assertThat(rebuilt.rebuildFailures()).isZero();
    }

    @Test
    void storedTransitionsComeBackAndRebuildTheAlertUnderItsId() {
        String patient = "RB-A1";
        RiskAssessor risk = new RiskAssessor(RiskStateStore.none());
        AlertEngine engine = new AlertEngine();
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Assessment a = risk.assess(enriched(reading(patient, i)), Thresholds.DEFAULTS);
            events.addAll(engine.onAssessment(a, Thresholds.DEFAULTS, a.ts()));
        }
        assertThat(events).as("the readings raise an alert").isNotEmpty();
        new AlertStore(servers.cassandra, ks, servers.settings.retentionDays()).saveAll(events).toCompletableFuture()
                .join();

        List<PastTransition> stored = new CassandraAlertHistory(() -> servers.cassandra, ks).transitions(patient);

        assertThat(stored).extracting(PastTransition::eventId)
                .containsExactlyInAnyOrderElementsOf(events.stream().map(AlertEvent::eventId).toList());
        AlertEvent first = events.get(0);
        PastTransition open = stored.stream().filter(t -> t.eventId().equals(first.eventId())).findFirst()
                .orElseThrow();
        assertThat(open).isEqualTo(new PastTransition(first.eventId(), first.alertId(), first.condition(),
                first.state(), first.band(), first.news2(), first.ts(), first.actor(), first.reason()));
        List<Episode> episodes = EpisodeRebuild.episodes(stored);
        assertThat(episodes).extracting(Episode::alertId).contains(first.alertId());
        assertThat(episodes).extracting(Episode::state).doesNotContain(AlertState.RESOLVED);
    }

    @Test
    void aReadThatFailsIsThrownForTheEngineToCountThenFailsFastWithoutAskingCassandra() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<CqlSession> session = () -> {
            asked.incrementAndGet();
            return servers.cassandra;
        };
        CassandraAlertHistory alerts = new CassandraAlertHistory(session, "rebuild_no_such_keyspace");
        assertThatThrownBy(() -> alerts.transitions("RB-A1")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> alerts.transitions("RB-A1")).hasMessageContaining("not asked again yet");
        assertThat(asked).as("the second read did not reach Cassandra").hasValue(1);

        CassandraReadingHistory readings = new CassandraReadingHistory(session, "rebuild_no_such_keyspace");
        RiskAssessor assessor = new RiskAssessor(RiskStateStore.none(), readings, System::currentTimeMillis);
        Assessment a = assessor.assess(enriched(reading("RB-R2", 0)), Thresholds.DEFAULTS);
        assertThat(a.patientId()).as("scored afresh").isEqualTo("RB-R2");
        assertThat(assessor.rebuildFailures()).isEqualTo(1);
    }
}
