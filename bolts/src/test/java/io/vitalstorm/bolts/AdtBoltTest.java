package io.vitalstorm.bolts;

import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.Discharges;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.testsupport.AdtMessages;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.ReportedFailedException;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * ADT records: a change reaches the registry, a discharge goes on to the alert bolt, an outage replays,
 * a bad message is a dead letter.
 */
class AdtBoltTest {

    private final BoltFixtures fx = BoltFixtures.create();
    private final PatientDirectory directory = mock(PatientDirectory.class);
    private final PatientRegistry registry = mock(PatientRegistry.class);
    private final Discharges discharges = mock(Discharges.class);
    private final BasicOutputCollector out = mock(BasicOutputCollector.class);
    private final AdtBolt bolt = new AdtBolt(s -> directory, s -> discharges);

    AdtBoltTest() {
        when(directory.registry()).thenReturn(registry);
        when(registry.findRecord(anyString())).thenReturn(Optional.empty());
        bolt.prepare(fx.conf(), fx.context("adt"));
    }

    private static Tuple adt(byte[] message, long offset) {
        Tuple t = BoltFixtures.record("P-1", "", offset);
        when(t.getStringByField(VitalsRecordTranslator.TOPIC)).thenReturn("vitalstorm.adt");
        when(t.getBinaryByField(VitalsRecordTranslator.VALUE)).thenReturn(message);
        return t;
    }

    private static Tuple discharge(long offset) {
        return adt(AdtMessages.hl7("A03", "M3", "P-1", "MRN1", "5A", "team-5a", "202610021200+0000"), offset);
    }

    @Test
    void anAdmitOfAnUnknownPatientCreatesAProvisionalRecordAndEmitsNothing() {
        bolt.execute(adt(AdtMessages.hl7("A01", "M1", "P-1", "MRN1", "3B", "team-3b", "202610010800+0000"), 1), out);

        verify(directory).apply(any(), eq(Optional.empty()), eq("created-provisional"), anyString());
        verify(discharges, never()).discharge(anyString(), any());
        verify(out, never()).emit(anyString(), any());
    }

    @Test
    void aDischargeIsStoredAndSentToTheAlertBoltWithItsTime() {
        bolt.execute(discharge(2), out);

        Instant at = Instant.parse("2026-10-02T12:00:00Z");
        verify(discharges).discharge("P-1", at);
        ArgumentCaptor<Values> emitted = ArgumentCaptor.forClass(Values.class);
        verify(out).emit(eq(AdtBolt.DISCHARGES_STREAM), emitted.capture());
        assertThat(emitted.getValue().subList(0, 2)).containsExactly("P-1", at.toEpochMilli());
        assertThat((String) emitted.getValue().get(2)).contains("not in the registry");
        verify(out, never()).emit(eq(TupleFields.OUTBOUND_STREAM), any());
    }

    @Test
    void aRegistryOutageFailsTheRecordForAReplayThenGivesItUpAsRetriesExhausted() {
        when(registry.findRecord("P-1")).thenThrow(new JedisConnectionException("Connection refused"));
        Tuple t = discharge(3);

        for (int i = 0; i < BoltFixtures.MAX_RETRIES; i++) {
            assertThatThrownBy(() -> bolt.execute(t, out)).isInstanceOf(ReportedFailedException.class);
        }
        verify(out, never()).emit(anyString(), any());
        bolt.execute(t, out); // one replay too many: given up, acked

        var n = DeadLetterAssert.emitted(out);
        assertThat(n.get("reasonCode").asText()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(n.get("reason").asText()).contains("Connection refused");
        assertThat(n.get("offset").asLong()).isEqualTo(3);
        verify(discharges, never()).discharge(anyString(), any());
        verify(out, never()).emit(eq(AdtBolt.DISCHARGES_STREAM), any());
        assertThat(fx.count(BoltMetrics.RETRIES_EXHAUSTED)).isEqualTo(1);
    }

    @Test
    void aMalformedMessageIsDeadLetteredAtOnceAndTouchesNoStore() {
        bolt.execute(adt("MSH|garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8), 4), out);

        assertThat(DeadLetterAssert.emitted(out).get("reasonCode").asText()).isEqualTo("MALFORMED_HL7");
        verify(registry, never()).findRecord(anyString());
        verify(discharges, never()).discharge(anyString(), any());
        assertThat(fx.count(BoltMetrics.RETRIES)).isZero();
    }
}
