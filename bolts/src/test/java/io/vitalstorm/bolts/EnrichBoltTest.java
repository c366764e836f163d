package io.vitalstorm.bolts;

import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.redis.ProfileCache;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.ReportedFailedException;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class EnrichBoltTest {

    private final BoltFixtures fx = BoltFixtures.create();
    private final PatientDirectory directory = mock(PatientDirectory.class);
    private final EnrichBolt bolt = new EnrichBolt(s -> directory);
    private final BasicOutputCollector out = mock(BasicOutputCollector.class);
    private final Observation reading = BoltFixtures.wristBand("P1", BoltFixtures.T0, 80);
    private final Tuple tuple = BoltFixtures.carrying(TupleFields.OBSERVATION, reading);

    EnrichBoltTest() {
        bolt.prepare(fx.conf(), fx.context("enrich"));
    }

    @Test
    void aKnownPatientsReadingCarriesTheirProfile() {
        when(directory.find("P1")).thenReturn(Optional.of(BoltFixtures.profile("P1")));
        bolt.execute(tuple, out);

        ArgumentCaptor<Values> emitted = ArgumentCaptor.forClass(Values.class);
        verify(out).emit(emitted.capture());
        EnrichedObservation e = (EnrichedObservation) emitted.getValue().get(1);
        assertThat(e.knownPatient()).isTrue();
        assertThat(e.profile().ward()).isEqualTo("5A");
    }

    @Test
    void aRegistryOutageFailsTheReadingForAReplayThenGivesItUpAsRetriesExhausted() {
        when(directory.find("P1")).thenThrow(new JedisConnectionException("Connection refused"));

        for (int i = 0; i < BoltFixtures.MAX_RETRIES; i++) {
            assertThatThrownBy(() -> bolt.execute(tuple, out)).isInstanceOf(ReportedFailedException.class);
        }
        verify(out, never()).emit(any());
        bolt.execute(tuple, out); // one replay too many: given up, acked

        var n = DeadLetterAssert.emitted(out);
        assertThat(n.get("reasonCode").asText()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(n.get("reason").asText()).contains("Connection refused");
        assertThat(n.get("payloadText").asText()).contains("\"patientId\":\"P1\"").contains("\"heartRate\":80");
        assertThat(fx.count(BoltMetrics.RETRIES)).isEqualTo(BoltFixtures.MAX_RETRIES);
        assertThat(fx.count(BoltMetrics.RETRIES_EXHAUSTED)).isEqualTo(1);
    }

    @Test
    void aDefectDeadLettersTheReadingAtOnceAsInternalError() {
        when(directory.find("P1")).thenThrow(new IllegalStateException("profile JSON unreadable"));
        bolt.execute(tuple, out);

        ArgumentCaptor<Values> letter = ArgumentCaptor.forClass(Values.class);
        verify(out).emit(eq(TupleFields.OUTBOUND_STREAM), letter.capture());
        assertThat(DeadLetterAssert.reasonCode(letter.getValue())).isEqualTo("INTERNAL_ERROR");
        assertThat(fx.count(BoltMetrics.RETRIES)).isZero();
        assertThat(fx.count(BoltMetrics.DEAD_LETTERS + "INTERNAL_ERROR")).isEqualTo(1);
    }

    @Test
    void aSuccessAfterAnOutageStartsTheCountAgain() {
        when(directory.find("P1")).thenThrow(new JedisConnectionException("down"))
                .thenReturn(Optional.empty());
        assertThatThrownBy(() -> bolt.execute(tuple, out)).isInstanceOf(ReportedFailedException.class);
        bolt.execute(tuple, out);

        ArgumentCaptor<Values> emitted = ArgumentCaptor.forClass(Values.class);
        verify(out).emit(emitted.capture());
        assertThat(((EnrichedObservation) emitted.getValue().get(1)).knownPatient()).isFalse();
        verify(out, never()).emit(eq(TupleFields.OUTBOUND_STREAM), any());
    }

    @Test
    void whileRedisIsDownTheProfileComesFromTheRegistryAndTheReadingGoesOnWithoutAReplay() {
        ProfileCache cache = mock(ProfileCache.class);
        PatientRegistry registry = mock(PatientRegistry.class);
        when(cache.version()).thenThrow(new JedisConnectionException("Connection refused"));
        when(cache.get("P1")).thenThrow(new JedisConnectionException("Connection refused"));
        when(registry.find("P1")).thenReturn(Optional.of(BoltFixtures.profile("P1")));
        EnrichBolt redisDown = new EnrichBolt(s -> new PatientDirectory(cache, registry));
        redisDown.prepare(fx.conf(), fx.context("enrich"));

        redisDown.execute(tuple, out);

        ArgumentCaptor<Values> emitted = ArgumentCaptor.forClass(Values.class);
        verify(out).emit(emitted.capture());
        assertThat(((EnrichedObservation) emitted.getValue().get(1)).profile().ward()).isEqualTo("5A");
        assertThat(fx.count(BoltMetrics.RETRIES)).isZero();
    }
}
