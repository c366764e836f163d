package io.vitalstorm.core.parse;

import io.vitalstorm.core.alert.AcknowledgementParser;
import io.vitalstorm.core.json.PatientProfileJson;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.testsupport.Parsing;
import io.vitalstorm.core.thresholds.ThresholdsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 12, strict parsing at the edge: what another tool would read differently is refused, by every parser. */
class StrictEdgeTest {

    private static final String RECORD = "{\"patientId\":\"P1\",\"ts\":" + Obs.T0 + ",\"heartRate\":72}";
    private static final String ACK = "{\"patientId\":\"P1\",\"alertId\":\"a-1\",\"by\":\"Dr Osei\"}";

    private static AcknowledgementParser.Result ack(String json) {
        return AcknowledgementParser.parse(json.getBytes(StandardCharsets.UTF_8), Obs.T0);
    }

    @Test
    void duplicateKeysAreRefusedEverywhere() {
        Rejection r =
                Parsing.rejected("{\"patientId\":\"P1\",\"patientId\":\"P2\",\"ts\":" + Obs.T0 + ",\"heartRate\":72}");
        assertThat(r.code()).isEqualTo(Rejection.Code.MALFORMED_JSON);
        assertThat(r.message()).contains("Duplicate field 'patientId'");
        assertThat(Parsing.rejected("{\"resourceType\":\"Observation\",\"resourceType\":\"Bundle\"}").code())
                .isEqualTo(Rejection.Code.MALFORMED_JSON);
        assertThat(ack("{\"patientId\":\"P1\",\"patientId\":\"P2\",\"alertId\":\"a\",\"by\":\"x\"}").rejection().code())
                .isEqualTo(Rejection.Code.MALFORMED_JSON);
        assertThatThrownBy(() -> PatientProfileJson.parse("{\"patientId\":\"P1\",\"spo2Scale\":1,\"spo2Scale\":2}"))
                .hasMessageContaining("Duplicate field");
        assertThatThrownBy(() ->
                ThresholdsJson.parse(
                        "{\"alertTrigger\":\"HIGH\",\"alertTrigger\":\"LOW\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("Duplicate field");
    }

    @Test
    void trailingDataIsRefusedEverywhere() {
        assertThat(Parsing.rejected(RECORD + "{}").code()).isEqualTo(Rejection.Code.MALFORMED_JSON);
        assertThat(ack(ACK + " x").rejection().code()).isEqualTo(Rejection.Code.MALFORMED_JSON);
        assertThatThrownBy(() -> PatientProfileJson.parse("{\"patientId\":\"P1\"} {\"patientId\":\"P2\"}"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ThresholdsJson.parse("{} []".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"})
    void utf16And32AreRefusedNotDetected(String charset) {
        byte[] bytes = RECORD.getBytes(Charset.forName(charset));
        Rejection r = Parsing.rejected(bytes);
        assertThat(r.code()).isEqualTo(Rejection.Code.MALFORMED_JSON);
        assertThat(r.message()).containsAnyOf("UTF-16", "NUL byte");
        assertThat(AcknowledgementParser.parse(ACK.getBytes(Charset.forName(charset)), Obs.T0).rejection().code())
                .isEqualTo(Rejection.Code.MALFORMED_JSON);
    }

    @Test
    void invalidUtf8IsNeverDecodedIntoAnId() {
        // an overlong encoding of 'P' (C1 90) and a CESU-8 surrogate (ED A0 80): some decoders map them to valid text
        for (byte[] sneaky : new byte[][] {{(byte) 0xC1, (byte) 0x90}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88}}) {
            byte[] head = "{\"patientId\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("1\",\"ts\":" + Obs.T0 + ",\"heartRate\":72}").getBytes(StandardCharsets.UTF_8);
            byte[] record = new byte[head.length + sneaky.length + tail.length];
            System.arraycopy(head, 0, record, 0, head.length);
            System.arraycopy(sneaky, 0, record, head.length, sneaky.length);
            System.arraycopy(tail, 0, record, head.length + sneaky.length, tail.length);
            Rejection r = Parsing.rejected(record);
            assertThat(r.code()).isEqualTo(Rejection.Code.MALFORMED_JSON);
            assertThat(r.message()).startsWith("not valid UTF-8");
        }
    }

    @Test
    void controlAndFormatCharactersAreRefusedInIdentifiers() {
        assertThat(Parsing.rejected(RECORD.replace("\"P1\"", "\"P1\\u0000\"")).code())
                .isEqualTo(Rejection.Code.INVALID_VALUE);
        assertThat(Parsing.rejected(RECORD.replace("\"P1\"", "\"P\\u202e1\"")).code())
                .isEqualTo(Rejection.Code.INVALID_VALUE);
        assertThat(ack(ACK.replace("\"P1\"", "\"P1\\n\"")).rejection().message())
                .contains("patientId must not contain control or format characters");
        assertThat(ack(ACK.replace("Dr Osei", "Dr \\u202eiseO")).rejection().message())
                .contains("by must not contain control or format");
        assertThat(ack(ACK.replace("Dr Osei", "Dr \\ud800")).rejection().message())
                .contains("by must not contain control or format");
        assertThat(ack(ACK.replace("Dr Osei", "Dr Os\\u00e9i \\ud83d\\ude91")).ack().by())
                .isEqualTo("Dr Os\u00e9i \ud83d\ude91");
    }

    @Test
    void aRecordMustBeKeyedToItsPatientAndABundleIsRefusedPerEntry() {
        ParseResult own = RecordKeys.keyedTo("P1", Parsing.parse(RECORD));
        assertThat(own).isInstanceOf(ParseResult.Valid.class);
        ParseResult foreign = RecordKeys.keyedTo("P2", Parsing.parse(RECORD));
        assertThat(foreign.observations()).isEmpty();
        assertThat(foreign.rejections()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(Rejection.Code.WRONG_KEY);
            assertThat(r.message())
                    .isEqualTo("observation of patient 'P1' in a record keyed 'P2': a record's key must be its "
                            + "patient's id");
        });
        assertThat(RecordKeys.keyedTo(null, Parsing.parse(RECORD)).rejections().get(0).message())
                .startsWith("record has no key");

        String entry =
                "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":"
                + "{\"reference\":\"Patient/%s\"},"
                + "\"effectiveDateTime\":\"2026-11-01T08:00:00Z\",\"code\":{\"coding\":[{\"system\":"
                + "\"http://loinc.org\",\"code\":\"8867-4\"}]},"
                + "\"valueQuantity\":{\"value\":72,\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}}";
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + entry.formatted("P1") + ","
                + entry.formatted("P2") + "," + entry.formatted("P1") + "]}";
        ParseResult mixed = RecordKeys.keyedTo("P1", Parsing.parse(bundle));
        assertThat(mixed.observations()).extracting(Observation::patientId).containsExactly("P1", "P1");
        assertThat(mixed.rejections()).extracting(Rejection::code).containsExactly(Rejection.Code.WRONG_KEY);
    }
}
