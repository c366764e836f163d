package io.vitalstorm.bolts;

import io.vitalstorm.core.model.Observation;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.tuple.Values;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class ParseBoltTest {

    private final BoltFixtures fx = BoltFixtures.create();
    private final ParseBolt bolt = new ParseBolt();
    private final BasicOutputCollector out = mock(BasicOutputCollector.class);

    ParseBoltTest() {
        bolt.prepare(fx.conf(), fx.context("parse"));
    }

    @Test
    void aValidReadingGoesOnKeyedByPatient() {
        bolt.execute(BoltFixtures.record("P1", "{\"patientId\":\"P1\",\"ts\":1709280000000,\"heartRate\":72}", 5), out);

        ArgumentCaptor<Values> emitted = ArgumentCaptor.forClass(Values.class);
        verify(out).emit(emitted.capture());
        assertThat(emitted.getValue().get(0)).isEqualTo("P1");
        assertThat(((Observation) emitted.getValue().get(1)).heartRate()).isEqualTo(72.0);
        verify(out, never()).emit(eq(TupleFields.OUTBOUND_STREAM), any());
    }

    @Test
    void hostileInputBecomesADeadLetterWithItsCoordinatesAndIsCounted() {
        bolt.execute(BoltFixtures.record("P1", "{\"patientId\":\"P1\",\"ts\":", 41), out);

        ArgumentCaptor<Values> letter = ArgumentCaptor.forClass(Values.class);
        verify(out).emit(eq(TupleFields.OUTBOUND_STREAM), letter.capture());
        var n = DeadLetterAssert.deadLetter(letter.getValue());
        assertThat(n.get("reasonCode").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(n.get("offset").asLong()).isEqualTo(41);
        assertThat(fx.count(BoltMetrics.DEAD_LETTERS + "MALFORMED_JSON")).isEqualTo(1);
    }
}
