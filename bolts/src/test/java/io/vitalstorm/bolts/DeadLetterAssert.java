package io.vitalstorm.bolts;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.Json;
import org.apache.storm.tuple.Values;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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

    static String reasonCode(Values outbound) {
        return deadLetter(outbound).get("reasonCode").asText();
    }
}
