package io.vitalstorm.bolts;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.config.Setting;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.ReadingHistory;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.redis.LatestStateWriter;
import io.vitalstorm.storage.redis.ProfileCache;
import org.apache.storm.policy.IWaitStrategy;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Raw records in: parse, enrich and score in one task; acked after the batch's checkpoint and latest-state writes (the
 * batching contract: replay on an outage, give up after the retries), bad parts dead-lettered.
 */
class ReadingPipelineBoltTest {

    private final BoltFixtures fx = BoltFixtures.create();
    private final PatientDirectory directory = mock(PatientDirectory.class);
    private final LiveThresholds thresholds = mock(LiveThresholds.class);
    private final RiskStateStore states = mock(RiskStateStore.class);
    private final LatestStateWriter latest = mock(LatestStateWriter.class);
    private final ReadingPipelineBolt bolt = pipeline(s -> ReadingHistory.none());
    private final OutputCollector collector = mock(OutputCollector.class);
    private final Tuple reading = record(BoltFixtures.spotCheck("P1", BoltFixtures.T0, 88), 7);

    ReadingPipelineBoltTest() {
        when(directory.find(anyString())).thenAnswer(i -> Optional.of(BoltFixtures.profile(i.getArgument(0))));
        when(thresholds.forPatient(anyString(), anyString())).thenReturn(Thresholds.DEFAULTS);
        when(states.load(anyString())).thenReturn(Optional.empty());
        bolt.prepare(conf(1_000), fx.context("score"), collector); // no batch delay runs out in a test, however slow
    }

    private ReadingPipelineBolt pipeline(ClientFactory<ReadingHistory> history) {
        return new ReadingPipelineBolt(s -> directory, s -> thresholds, s -> states, s -> latest, history);
    }

    private Map<String, Object> conf(int maxDelayMillis) {
        Map<String, Object> conf = new HashMap<>(fx.conf());
        conf.put(ReadingPipelineBolt.MAX_DELAY_MS.key(), maxDelayMillis);
        return conf;
    }

    /** A native record of {@code o}, keyed by its patient as producers key them. */
    private static Tuple record(Observation o, long offset) {
        return BoltFixtures.record(o.patientId(), ObservationJson.input(o).toString(), offset);
    }

    private List<Assessment> assessmentsOf(Tuple input) {
        ArgumentCaptor<Values> emitted = ArgumentCaptor.forClass(Values.class);
        verify(collector, org.mockito.Mockito.atLeast(0)).emit(eq(input), emitted.capture());
        return emitted.getAllValues().stream().map(v -> (Assessment) v.get(1)).toList();
    }

    @Test
    void aReadingIsEnrichedScoredAndSentOnAnchoredAtOnceAndAckedAfterItsCheckpoint() {
        bolt.execute(reading);

        List<Assessment> emitted = assessmentsOf(reading);
        assertThat(emitted).hasSize(1);
        Assessment a = emitted.get(0);
        assertThat(a.news2().active()).as("a spot check with SBP 88 counts at once").isTrue();
        assertThat(a.scored().profile().ward()).as("enriched with the registry profile").isEqualTo("5A");
        verify(collector).emit(eq(TupleFields.HISTORY_STREAM), eq(reading), any(Values.class));
        verify(collector, never()).emit(eq(TupleFields.OUTBOUND_STREAM), any(Tuple.class), any());
        verify(collector, never()).ack(any());

        bolt.execute(BoltFixtures.tick());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, byte[]>> saved = ArgumentCaptor.forClass(Map.class);
        var order = inOrder(states, latest, collector);
        order.verify(states).saveAll(saved.capture());
        order.verify(latest).write(List.of(a.scored()));
        order.verify(collector).ack(reading);
        assertThat(saved.getValue()).containsOnlyKeys("P1");
        assertThat(bolt.patientsInMemory()).isEqualTo(1);
    }

    @Test
    void aBatchCheckpointsEachChangedPatientOnceHoweverManyReadingsItHad() {
        List<Tuple> inputs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inputs.add(record(BoltFixtures.wristBand("P1", BoltFixtures.T0 + i * 1_000L, 80 + i), i));
        }
        inputs.add(record(BoltFixtures.wristBand("P2", BoltFixtures.T0, 70), 5));
        inputs.forEach(bolt::execute);
        bolt.execute(BoltFixtures.tick());

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, byte[]>> saved = ArgumentCaptor.forClass(Map.class);
        verify(states, times(1)).saveAll(saved.capture());
        assertThat(saved.getValue()).containsOnlyKeys("P1", "P2");
        inputs.forEach(t -> verify(collector).ack(t));
    }

    @Test
    void anUnknownPatientIsScoredFlaggedNotDropped() {
        when(directory.find("P9")).thenReturn(Optional.empty());
        Tuple unknown = record(BoltFixtures.wristBand("P9", BoltFixtures.T0, 80), 3);
        bolt.execute(unknown);

        EnrichedObservation e = assessmentsOf(unknown).get(0).scored().enriched();
        assertThat(e.knownPatient()).isFalse();
    }

    @Test
    void aReadingDeliveredAgainGoesOnFlaggedAsDuplicateAndBothAreAckedAfterTheCheckpoint() {
        Tuple replay = record(BoltFixtures.spotCheck("P1", BoltFixtures.T0, 88), 7);
        bolt.execute(reading);
        bolt.execute(replay);

        assertThat(assessmentsOf(replay)).extracting(Assessment::duplicate)
                .as("the alert bolt re-sends, acts on nothing").containsExactly(true);
        assertThat(fx.count("vitalstorm.duplicateReadings")).isEqualTo(1);
        bolt.execute(BoltFixtures.tick());
        verify(collector).ack(reading);
        verify(collector).ack(replay);
    }

    @Test
    void hostileInputBecomesADeadLetterWithItsCoordinatesIsCountedAndAckedAtOnce() {
        Tuple bad = BoltFixtures.record("P1", "{\"patientId\":\"P1\",\"ts\":", 41);
        bolt.execute(bad);

        JsonNode n = DeadLetterAssert.emitted(collector, bad);
        assertThat(n.get("reasonCode").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(n.get("offset").asLong()).isEqualTo(41);
        assertThat(fx.count(BoltMetrics.DEAD_LETTERS + "MALFORMED_JSON")).isEqualTo(1);
        verify(collector).ack(bad);
        verify(collector, never()).emit(eq(bad), any(Values.class));
        verify(directory, never()).find(anyString());
    }

    @Test
    void aBundleScoresItsGoodEntriesAndNamesEveryBadOneInOneDeadLetter() {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + entry(fhirHeartRate("P1", "2024-03-01T08:00:00Z", 80, "/min")) + ","
                + entry(fhirHeartRate("P1", "2024-03-01T08:01:00Z", 80, "kg")) + ","
                + entry(fhirHeartRate("P2", "2024-03-01T08:02:00Z", 90, "/min")) + ","
                + entry(fhirHeartRate("P1", "2024-03-01T08:03:00Z", 84, "/min")) + "]}";
        Tuple record = BoltFixtures.record("P1", bundle, 12);
        bolt.execute(record);

        assertThat(assessmentsOf(record)).extracting(a -> a.scored().observation().heartRate())
                .as("the good entries of the keyed patient, in order").containsExactly(80.0, 84.0);
        JsonNode n = DeadLetterAssert.emitted(collector, record);
        assertThat(n.get("offset").asLong()).isEqualTo(12);
        assertThat(n.get("reason").asText()).contains("entry 1: heartRate unit 'kg'")
                .contains("observation of patient 'P2' in a record keyed 'P1'");
        verify(collector, never()).ack(record);
        bolt.execute(BoltFixtures.tick());
        verify(collector).ack(record);
    }

    @Test
    void aReadingOfAnotherPatientThanTheRecordKeyIsRefusedAsWrongKeyAndNotScored() {
        Tuple wrong = BoltFixtures.record("P2", ObservationJson.input(BoltFixtures.wristBand("P1", BoltFixtures.T0,
                80)).toString(), 9);
        bolt.execute(wrong);

        JsonNode n = DeadLetterAssert.emitted(collector, wrong);
        assertThat(n.get("reasonCode").asText()).isEqualTo("WRONG_KEY");
        assertThat(n.get("reason").asText()).contains("observation of patient 'P1' in a record keyed 'P2'");
        verify(collector).ack(wrong);
        verify(collector, never()).emit(eq(wrong), any(Values.class));
        assertThat(bolt.patientsInMemory()).isZero();
    }

    @Test
    void aRecordWithoutKeyOrWithAnEmptyKeyIsADeadLetterNotACrashOrAStall() {
        String json = ObservationJson.input(BoltFixtures.wristBand("P1", BoltFixtures.T0, 80)).toString();
        Tuple noKey = BoltFixtures.record(null, json, 1);
        Tuple emptyKey = BoltFixtures.record("", json, 2);
        bolt.execute(noKey);
        bolt.execute(emptyKey);

        assertThat(DeadLetterAssert.emitted(collector, noKey).get("reason").asText()).contains("record has no key");
        assertThat(DeadLetterAssert.emitted(collector, emptyKey).get("reasonCode").asText()).isEqualTo("WRONG_KEY");
        verify(collector).ack(noKey);
        verify(collector).ack(emptyKey);
        assertThat(fx.count(BoltMetrics.DEAD_LETTERS + "WRONG_KEY")).isEqualTo(2);
    }

    @Test
    void aRegistryOutageFailsTheRecordForAReplayThenGivesItUpAsRetriesExhausted() {
        when(directory.find("P1")).thenThrow(new JedisConnectionException("Connection refused"));
        Tuple band = record(BoltFixtures.wristBand("P1", BoltFixtures.T0, 80), 4);

        for (int i = 0; i < BoltFixtures.MAX_RETRIES; i++) {
            bolt.execute(band);
        }
        verify(collector, times(BoltFixtures.MAX_RETRIES)).fail(band);
        verify(collector, never()).emit(any(Tuple.class), any());
        bolt.execute(band); // one replay too many: given up, acked

        JsonNode n = DeadLetterAssert.emitted(collector, band);
        assertThat(n.get("reasonCode").asText()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(n.get("reason").asText()).contains("Connection refused");
        assertThat(n.get("payloadText").asText()).contains("\"patientId\":\"P1\"").contains("\"heartRate\":80");
        assertThat(n.get("offset").asLong()).as("the record as it came, re-drivable").isEqualTo(4);
        verify(collector).ack(band);
        assertThat(fx.count(BoltMetrics.RETRIES)).isEqualTo(BoltFixtures.MAX_RETRIES);
        assertThat(fx.count(BoltMetrics.RETRIES_EXHAUSTED)).isEqualTo(1);
    }

    @Test
    void aRegistryDefectDeadLettersTheRecordAtOnceAsInternalError() {
        when(directory.find("P1")).thenThrow(new IllegalStateException("profile JSON unreadable"));
        bolt.execute(reading);

        assertThat(DeadLetterAssert.emitted(collector, reading).get("reasonCode").asText())
                .isEqualTo("INTERNAL_ERROR");
        verify(collector).ack(reading);
        assertThat(fx.count(BoltMetrics.RETRIES)).isZero();
        assertThat(fx.count(BoltMetrics.DEAD_LETTERS + "INTERNAL_ERROR")).isEqualTo(1);
    }

    @Test
    void aSuccessAfterAnOutageGoesOnWithoutADeadLetter() {
        when(directory.find("P1")).thenThrow(new JedisConnectionException("down")).thenReturn(Optional.empty());
        bolt.execute(reading);
        verify(collector).fail(reading);
        bolt.execute(reading);
        bolt.execute(BoltFixtures.tick());

        assertThat(assessmentsOf(reading)).extracting(a -> a.scored().enriched().knownPatient()).containsExactly(false);
        verify(collector, never()).emit(eq(TupleFields.OUTBOUND_STREAM), any(Tuple.class), any());
        verify(collector).ack(reading);
    }

    @Test
    void whileRedisIsDownTheProfileComesFromTheRegistryAndTheReadingGoesOnWithoutAReplay() {
        ProfileCache cache = mock(ProfileCache.class);
        PatientRegistry registry = mock(PatientRegistry.class);
        when(cache.version()).thenThrow(new JedisConnectionException("Connection refused"));
        when(cache.get("P1")).thenThrow(new JedisConnectionException("Connection refused"));
        when(registry.find("P1")).thenReturn(Optional.of(BoltFixtures.profile("P1")));
        ReadingPipelineBolt redisDown = new ReadingPipelineBolt(s -> new PatientDirectory(cache, registry),
                s -> thresholds, s -> states, s -> latest);
        OutputCollector c = mock(OutputCollector.class);
        redisDown.prepare(conf(1_000), fx.context("score"), c);

        redisDown.execute(reading);

        ArgumentCaptor<Values> emitted = ArgumentCaptor.forClass(Values.class);
        verify(c).emit(eq(reading), emitted.capture());
        assertThat(((Assessment) emitted.getValue().get(1)).scored().profile().ward()).isEqualTo("5A");
        verify(c, never()).fail(any());
        assertThat(fx.count(BoltMetrics.RETRIES)).isZero();
    }

    @Test
    void aStateStoreOutageWhileRestoringFailsTheRecordForAReplay() {
        when(states.load("P1")).thenThrow(new JedisConnectionException("Connection refused"));
        bolt.execute(reading);

        verify(collector).fail(reading);
        verify(collector, never()).emit(any(Tuple.class), any());
        assertThat(fx.count(BoltMetrics.RETRIES)).isEqualTo(1);
    }

    @Test
    void aFailedCheckpointFailsTheRecordsItCovers() {
        doThrow(new JedisConnectionException("Connection reset")).when(states).saveAll(anyMap());
        bolt.execute(reading);
        bolt.execute(BoltFixtures.tick());

        verify(collector).fail(reading);
        verify(collector, never()).ack(reading);
        // the bolt's only batch write is the checkpoint: its write failures are the checkpoint failures
        assertThat(fx.count("vitalstorm.writeFailures")).isEqualTo(1);
    }

    @Test
    void aReadingTooLateForItsWindowIsScoredAndCounted() {
        long hour = 3_600_000L;
        Tuple first = record(BoltFixtures.wristBand("P1", BoltFixtures.T0, 80), 1);
        Tuple later = record(BoltFixtures.wristBand("P1", BoltFixtures.T0 + 2 * hour, 82), 2);
        // in the first reading's bucket, which the later one closed
        Tuple late = record(BoltFixtures.wristBand("P1", BoltFixtures.T0 + 1_000, 81), 3);
        bolt.execute(first);
        bolt.execute(later);
        assertThat(fx.count("vitalstorm.lateReadings")).isZero();

        bolt.execute(late);
        assertThat(fx.count("vitalstorm.lateReadings")).isEqualTo(1);
        verify(collector).emit(eq(late), any(Values.class));
    }

    @Test
    void aPatientWithoutCheckpointIsRebuiltFromTheHistoryAndScoredAsIfItNeverLostIt() {
        List<Observation> past = new ArrayList<>();
        for (int i = 20; i > 0; i--) {
            past.add(BoltFixtures.wristBand("P2", BoltFixtures.T0 - i * 30_000L, 135));
        }
        Observation now = BoltFixtures.wristBand("P2", BoltFixtures.T0, 135);
        ReadingHistory history = mock(ReadingHistory.class);
        when(history.readings(eq("P2"), anyLong(), eq(BoltFixtures.T0))).thenReturn(past);
        Assessment a = assessOnce(history, now);

        List<Observation> all = new ArrayList<>(past);
        all.add(now);
        List<Assessment> oracle = BoltFixtures.assessed(all.toArray(Observation[]::new));
        assertThat(a).as("the engine that saw every reading").isEqualTo(oracle.get(oracle.size() - 1));
        assertThat(a).as("not what a patient started afresh gets").isNotEqualTo(BoltFixtures.assessed(now).get(0));
        assertThat(fx.count(BoltMetrics.STATE_REBUILT)).isEqualTo(1);
        assertThat(fx.count(BoltMetrics.STATE_REBUILD_FAILURES)).isZero();
    }

    @Test
    void aFailingHistoryReadIsCountedAndThePatientIsScoredAfreshWithoutAReplay() {
        Observation now = BoltFixtures.wristBand("P2", BoltFixtures.T0, 135);
        ReadingHistory history = mock(ReadingHistory.class);
        when(history.readings(anyString(), anyLong(), anyLong()))
                .thenThrow(new DriverTimeoutException("Query timed out after PT1S"));
        Assessment a = assessOnce(history, now);

        assertThat(a).isEqualTo(BoltFixtures.assessed(now).get(0));
        assertThat(fx.count(BoltMetrics.STATE_REBUILD_FAILURES)).isEqualTo(1);
        assertThat(fx.count(BoltMetrics.STATE_REBUILT)).isZero();
        assertThat(fx.count(BoltMetrics.RETRIES)).as("not replayed: alerting does not wait for Cassandra").isZero();
    }

    /** One reading through a bolt with {@code history}, checkpointed and acked; its assessment. */
    private Assessment assessOnce(ReadingHistory history, Observation o) {
        ReadingPipelineBolt rebuilding = pipeline(s -> history);
        OutputCollector c = mock(OutputCollector.class);
        rebuilding.prepare(conf(1_000), fx.context("score"), c);
        Tuple t = record(o, 1);
        rebuilding.execute(t);
        rebuilding.execute(BoltFixtures.tick());
        verify(c).ack(t);
        verify(c, never()).fail(any());
        ArgumentCaptor<Values> emitted = ArgumentCaptor.forClass(Values.class);
        verify(c).emit(eq(t), emitted.capture());
        return (Assessment) emitted.getValue().get(1);
    }

    private final List<Tuple> band = List.of(
            record(BoltFixtures.wristBand("P1", BoltFixtures.T0, 80), 20),
            record(BoltFixtures.wristBand("P1", BoltFixtures.T0 + 1_000, 81), 21),
            record(BoltFixtures.wristBand("P1", BoltFixtures.T0 + 2_000, 82), 22));

    private void deliverAndFlush() {
        band.forEach(bolt::execute);
        bolt.execute(BoltFixtures.tick());
    }

    @Test
    void theBatchsLatestStateIsWrittenOnceInOrderAndEveryRecordAckedAfterTheWrite() {
        deliverAndFlush();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<ScoredObservation>> batch = ArgumentCaptor.forClass(List.class);
        verify(latest).write(batch.capture());
        assertThat(batch.getValue()).extracting(s -> s.observation().heartRate()).containsExactly(80.0, 81.0, 82.0);
        band.forEach(t -> verify(collector).ack(t));
        verify(collector, never()).fail(any());
    }

    @Test
    void aLatestStateOutageFailsEveryRecordOfTheBatchUntilTheRetriesRunOutThenDeadLettersAndAcksThem() {
        doThrow(new JedisConnectionException("Connection reset")).when(latest).write(anyList());

        for (int i = 0; i < BoltFixtures.MAX_RETRIES; i++) {
            deliverAndFlush();
        }
        band.forEach(t -> verify(collector, times(BoltFixtures.MAX_RETRIES)).fail(t));
        verify(collector, never()).ack(any());

        deliverAndFlush();
        ArgumentCaptor<Values> letters = ArgumentCaptor.forClass(Values.class);
        verify(collector, times(3)).emit(eq(TupleFields.OUTBOUND_STREAM), any(Tuple.class), letters.capture());
        assertThat(letters.getAllValues()).extracting(DeadLetterAssert::reasonCode).containsOnly("RETRIES_EXHAUSTED");
        band.forEach(t -> verify(collector).ack(t));
        assertThat(fx.count("vitalstorm.writeFailures")).isEqualTo(BoltFixtures.MAX_RETRIES + 1);
    }

    @Test
    void aDeterministicLatestStateWriteFailureIsGivenUpAtOnce() {
        doThrow(new IllegalArgumentException("value cannot be encoded")).when(latest).write(anyList());
        deliverAndFlush();

        ArgumentCaptor<Values> letters = ArgumentCaptor.forClass(Values.class);
        verify(collector, times(3)).emit(eq(TupleFields.OUTBOUND_STREAM), any(Tuple.class), letters.capture());
        assertThat(letters.getAllValues()).extracting(DeadLetterAssert::reasonCode).containsOnly("INTERNAL_ERROR");
        verify(collector, never()).fail(any());
    }

    @Test
    void theBatchIsWrittenWhenTheExecutorRunsOutOfInputNotAfterAFixedWait() throws Exception {
        FlushOnIdleWaitStrategy waiting = new FlushOnIdleWaitStrategy();
        waiting.prepare(org.apache.storm.utils.Utils.readDefaultConfig(), IWaitStrategy.WaitSituation.BOLT_WAIT);
        ReadingPipelineBolt patient = pipeline(s -> ReadingHistory.none());
        patient.prepare(conf(1_000), fx.context("score"), collector);
        band.forEach(patient::execute);
        verify(latest, never()).write(anyList());
        verify(states, never()).saveAll(anyMap());

        waiting.idle(1); // still idle since the last flush: nothing new to do
        verify(latest, never()).write(anyList());
        waiting.idle(0); // the queue just ran dry: this executor's batch goes now
        verify(states).saveAll(anyMap());
        verify(latest).write(anyList());
        band.forEach(t -> verify(collector).ack(t));

        patient.cleanup();
        bolt.cleanup();
        patient.execute(band.get(0));
        waiting.idle(0);
        verify(latest).write(anyList()); // a cleaned-up bolt is no longer flushed from here
    }

    @Test
    void underASteadyStreamTheConfiguredDelayBoundsTheWait() {
        ReadingPipelineBolt eager = pipeline(s -> ReadingHistory.none());
        eager.prepare(conf(0), fx.context("score"), collector);
        eager.execute(band.get(0));
        verify(states).saveAll(anyMap());
        verify(latest).write(anyList());
        eager.cleanup();
    }

    @Test
    void theDelayIsDocumentedAsDeclared() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        assertThat(Setting.undocumented(doc, List.of(ReadingPipelineBolt.MAX_DELAY_MS))).isEmpty();
    }

    private static String entry(String resource) {
        return "{\"resource\":" + resource + "}";
    }

    private static String fhirHeartRate(String patient, String when, double value, String ucum) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/" + patient
                + "\"},\"effectiveDateTime\":\"" + when + "\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                + "\"code\":\"8867-4\"}]},\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"" + ucum
                + "\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + ucum + "\"}}";
    }
}
