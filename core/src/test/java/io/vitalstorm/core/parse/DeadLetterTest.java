package io.vitalstorm.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.vitalstorm.core.testsupport.JsonSupport.fieldNames;
import static io.vitalstorm.core.testsupport.JsonSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTest {

    private static final Rejection OUT_OF_RANGE = new Rejection(Rejection.Code.OUT_OF_RANGE,
            "heartRate 400 outside 20..300 bpm");

    private static JsonNode deadLetterJson(byte[] payload, String key) {
        return tree(new DeadLetter(OUT_OF_RANGE, "vitals.raw", 3, 41_207L, key, payload, 1_709_280_000_123L).toJson());
    }

    @Test
    void carriesReasonSourceAndReadablePayload() {
        String text = "{\"patientId\":\"P1\",\"heartRate\":400,\"note\":\"fièvre\"}";
        JsonNode n = deadLetterJson(text.getBytes(StandardCharsets.UTF_8), "P1");

        assertThat(n.get("reasonCode").asText()).isEqualTo("OUT_OF_RANGE");
        assertThat(n.get("reason").asText()).isEqualTo("heartRate 400 outside 20..300 bpm");
        assertThat(n.get("sourceTopic").asText()).isEqualTo("vitals.raw");
        assertThat(n.get("partition").asInt()).isEqualTo(3);
        assertThat(n.get("offset").asLong()).isEqualTo(41_207L);
        assertThat(n.get("key").asText()).isEqualTo("P1");
        assertThat(n.get("rejectedAt").asLong()).isEqualTo(1_709_280_000_123L);
        assertThat(Base64.getDecoder().decode(n.get("payloadBase64").asText()))
                .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(n.get("payloadText").asText()).isEqualTo(text);
    }

    @Test
    void binaryPayloadIsKeptExactlyAndHasNoText() {
        byte[] garbage = {(byte) 0xFF, (byte) 0xFE, 0x00, 0x7B, (byte) 0xC3, 0x28, (byte) 0x80};
        JsonNode n = deadLetterJson(garbage, null);

        assertThat(Base64.getDecoder().decode(n.get("payloadBase64").asText())).isEqualTo(garbage);
        assertThat(fieldNames(n)).doesNotContain("payloadText");
        assertThat(n.get("key").isNull()).isTrue();
    }

    @Test
    void missingPayloadIsWrittenAsEmpty() {
        JsonNode n = deadLetterJson(null, "P1");
        assertThat(n.get("payloadBase64").asText()).isEmpty();
        assertThat(n.get("payloadText").asText()).isEmpty();
    }

    @Test
    void hugeReasonAndPayloadStayBelowTheProducerLimit() {
        // the shape that once stalled a partition: a reason of over 1 MiB and a large payload of control characters
        String reason = "entry 1: no vitals; ".repeat(60_000);
        byte[] payload = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(payload, (byte) 0x01);
        byte[] json = new DeadLetter(new Rejection(Rejection.Code.NO_VITALS, reason), "vitals", 0, 7L,
                "k".repeat(5_000),
                payload, 1L).toJson();

        assertThat(json.length).isLessThanOrEqualTo(DeadLetter.MAX_JSON_BYTES).isLessThan(1024 * 1024);
        JsonNode n = tree(json);
        assertThat(n.get("reason").asText()).startsWith("entry 1: no vitals; ").contains("more characters left out");
        assertThat(n.get("payloadTruncated").asBoolean()).isTrue();
        assertThat(n.get("payloadBytes").asInt()).isEqualTo(payload.length);
        assertThat(n.get("payloadSha256").asText()).hasSize(64);
        assertThat(Base64.getDecoder().decode(n.get("payloadBase64").asText())).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);
        assertThat(fieldNames(n)).doesNotContain("payloadText");
    }

    @Test
    void worstCaseTextPayloadBelowTheBound() {
        byte[] payload = new byte[DeadLetter.MAX_TEXT_BYTES];
        java.util.Arrays.fill(payload, (byte) 0x02); // valid UTF-8, six bytes each once escaped in JSON
        byte[] json =
                new DeadLetter(new Rejection(Rejection.Code.MALFORMED_JSON, String.valueOf((char) 1).repeat(20_000)),
                        "vitals", 0, 7L,
                String.valueOf((char) 3).repeat(2_000), payload, 1L).toJson();
        assertThat(json.length).isLessThanOrEqualTo(DeadLetter.MAX_JSON_BYTES);
        assertThat(tree(json).get("payloadText").asText()).hasSize(DeadLetter.MAX_TEXT_BYTES);
    }
}
