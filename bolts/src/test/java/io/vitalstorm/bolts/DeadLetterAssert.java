package io.vitalstorm.bolts;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.Json;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.mockito.ArgumentCaptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

/** Reads the dead letter an outbound tuple carries. */
final class DeadLetterAssert {

    private DeadLetterAssert() {
    }

    static JsonNode deadLetter(List<Object> outbound) {
        assertThat(outbound.get(0)).isEqualTo("vitalstorm.deadletter");
        try {
            return Json.MAPPER.readTree((byte[]) outbound.get(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one dead letter a basic bolt emitted. */
    static JsonNode emitted(BasicOutputCollector out) {
        ArgumentCaptor<Values> letter = ArgumentCaptor.forClass(Values.class);
        verify(out).emit(eq(TupleFields.OUTBOUND_STREAM), letter.capture());
        return deadLetter(letter.getValue());
    }

    /** The one dead letter a batching bolt emitted, anchored to {@code tuple}. */
    static JsonNode emitted(OutputCollector collector, Tuple tuple) {
        ArgumentCaptor<Values> letter = ArgumentCaptor.forClass(Values.class);
        verify(collector).emit(eq(TupleFields.OUTBOUND_STREAM), eq(tuple), letter.capture());
        return deadLetter(letter.getValue());
    }

    static String reasonCode(Values outbound) {
        return deadLetter(outbound).get("reasonCode").asText();
    }
}
