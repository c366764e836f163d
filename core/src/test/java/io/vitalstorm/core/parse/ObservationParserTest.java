package io.vitalstorm.core.parse;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.testsupport.Parsing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import static io.vitalstorm.core.testsupport.Parsing.record;
import static io.vitalstorm.core.testsupport.Parsing.rejected;
import static io.vitalstorm.core.testsupport.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ObservationParserTest {

    private static final String FULL_FIELDS = "\"deviceId\":\"wrist-7\",\"heartRate\":72,\"respiratoryRate\":16,"
            + "\"spo2\":97,\"systolicBp\":121.5,\"temperature\":36.8,\"consciousness\":\"A\",\"onOxygen\":false";

    private static String fullWithTs(String tsJson) {
        return "{\"patientId\":\"P1\",\"ts\":" + tsJson + "," + FULL_FIELDS + "}";
    }

    private static final Observation FULL = new Observation("P1", "wrist-7", Obs.T0, 72.0, 16.0, 97.0, 121.5, 36.8,
            Consciousness.ALERT, false);

    private static void assertRejected(String json, Rejection.Code code, String message) {
        assertThat(rejected(json)).isEqualTo(new Rejection(code, message));
    }

    // --- valid records ------------------------------------------------------------------------

    @Test
    void minimalRecordHasIdentityTimeAndOneVital() {
        assertThat(valid(record("\"heartRate\":72")))
                .isEqualTo(new Observation("P1", null, Obs.T0, 72.0, null, null, null, null, null, null));
    }

    @Test
    void fullRecordWithEpochMillis() {
        assertThat(valid(fullWithTs(Long.toString(Obs.T0)))).isEqualTo(FULL);
    }

    @ParameterizedTest(name = "ts {0}")
    @ValueSource(
            strings = {"\"2024-03-01T08:00:00Z\"", "\"2024-03-01T09:00:00+01:00\"", "\"2024-03-01T03:00:00-05:00\"",
            "\"2024-03-01T08:00:00.000Z\""})
    void fullRecordWithIsoTimestamp(String tsJson) {
        assertThat(valid(fullWithTs(tsJson))).isEqualTo(FULL);
    }

    @Test
    void isoTimestampKeepsMilliseconds() {
        assertThat(valid(record("\"heartRate\":72")
                .replace(Long.toString(Obs.T0), "\"2024-03-01T08:00:00.250Z\"")).ts())
                .isEqualTo(Obs.T0 + 250);
    }

    @ParameterizedTest(name = "consciousness \"{0}\" is {1}")
    @CsvSource({"A, ALERT", "C, NEW_CONFUSION", "V, VOICE", "P, PAIN", "U, UNRESPONSIVE", "v, VOICE"})
    void consciousnessCodes(String code, Consciousness expected) {
        assertThat(valid(record("\"consciousness\":\"" + code + "\"")).consciousness()).isEqualTo(expected);
    }

    @Test
    void onOxygenAloneIsNotAVitalButIsKeptWithOne() {
        assertThat(valid(record("\"spo2\":93,\"onOxygen\":true")).onOxygen()).isTrue();
    }

    @Test
    void unknownFieldsAreIgnored() {
        String withExtras =
                record("\"heartRate\":72,\"firmware\":\"1.4.2\",\"battery\":{\"pct\":81},\"hr\":\"x\",\"tags\":[1,2]");
        assertThat(valid(withExtras)).isEqualTo(valid(record("\"heartRate\":72")));
    }

    @Test
    void nullFieldsAreTreatedAsAbsent() {
        String withNulls =
                record("\"heartRate\":72,\"deviceId\":null,\"spo2\":null,\"consciousness\":null,\"onOxygen\":null");
        assertThat(valid(withNulls)).isEqualTo(valid(record("\"heartRate\":72")));
    }

    @Test
    void trailingWhitespaceIsFine() {
        assertThat(valid(record("\"heartRate\":72") + "\n  ").heartRate()).isEqualTo(72.0);
    }

    // --- one rejection code at a time -----------------------------------------------------------

    @Test
    void emptyRecord() {
        assertThat(rejected(new byte[0])).isEqualTo(new Rejection(Rejection.Code.EMPTY, "empty record"));
        assertThat(rejected((byte[]) null).code()).isEqualTo(Rejection.Code.EMPTY);
    }

    @Test
    void recordOverSixteenKibIsTooLarge() {
        String padded = padTo(ObservationParser.MAX_RECORD_BYTES + 1);
        assertRejected(padded, Rejection.Code.TOO_LARGE, "record is 16385 bytes, limit 16384");
    }

    @Test
    void recordOfExactlySixteenKibIsRead() {
        String padded = padTo(ObservationParser.MAX_RECORD_BYTES);
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(16 * 1024);
        assertThat(valid(padded).heartRate()).isEqualTo(72.0);
    }

    /** A valid record made exactly {@code size} bytes long with an ignored padding field. */
    private static String padTo(int size) {
        String skeleton = record("\"heartRate\":72,\"pad\":\"\"");
        return skeleton.replace("\"pad\":\"\"", "\"pad\":\"" + "x".repeat(size - skeleton.length()) + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not json", "{\"patientId\":", "{'patientId':'P1'}", "{\"a\":1,}",
            "{\"patientId\":\"P1\",\"ts\":1709280000000,\"heartRate\":72} trailing",
            "{\"patientId\":\"P1\",\"ts\":1709280000000,\"heartRate\":72}{\"patientId\":\"P2\"}"})
    void malformedJson(String text) {
        Rejection r = rejected(text);
        assertThat(r.code()).isEqualTo(Rejection.Code.MALFORMED_JSON);
        assertThat(r.message()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} is a {1}")
    @CsvSource(delimiter = '|', value = {"[1,2]|array", "42|number", "\"text\"|string", "true|boolean", "null|null"})
    void jsonThatIsNotAnObject(String json, String type) {
        assertRejected(json, Rejection.Code.NOT_AN_OBJECT, "expected a JSON object, got " + type);
    }

    @Test
    void missingPatientId() {
        assertRejected("{\"ts\":" + Obs.T0 + ",\"heartRate\":72}", Rejection.Code.MISSING_FIELD,
                "patientId is required");
        assertRejected("{\"patientId\":null,\"ts\":" + Obs.T0 + ",\"heartRate\":72}", Rejection.Code.MISSING_FIELD,
                "patientId is required");
    }

    @Test
    void missingTimestamp() {
        assertRejected("{\"patientId\":\"P1\",\"heartRate\":72}", Rejection.Code.MISSING_FIELD, "ts is required");
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "\"heartRate\":\"72\"|WRONG_TYPE|heartRate must be a number",
            "\"spo2\":true|WRONG_TYPE|spo2 must be a number",
            "\"temperature\":[36.8]|WRONG_TYPE|temperature must be a number",
            "\"heartRate\":72,\"onOxygen\":\"yes\"|WRONG_TYPE|onOxygen must be true or false",
            "\"heartRate\":72,\"onOxygen\":1|WRONG_TYPE|onOxygen must be true or false",
            "\"consciousness\":1|WRONG_TYPE|consciousness must be one of A, C, V, P, U",
            "\"heartRate\":72,\"deviceId\":7|WRONG_TYPE|deviceId must be a string",
            "\"heartRate\":400|OUT_OF_RANGE|heartRate 400 outside 20..300 bpm",
            "\"spo2\":101|OUT_OF_RANGE|spo2 101 outside 50..100 %",
            "\"spo2\":100.5|OUT_OF_RANGE|spo2 100.5 outside 50..100 %",
            "\"respiratoryRate\":0|OUT_OF_RANGE|respiratoryRate 0 outside 1..80 breaths/min",
            "\"systolicBp\":-120|OUT_OF_RANGE|systolicBp -120 outside 40..300 mmHg",
            "\"temperature\":98.6|OUT_OF_RANGE|temperature 98.6 outside 25..45 °C",
            "\"heartRate\":1e20|OUT_OF_RANGE|heartRate 1.0E20 outside 20..300 bpm",
            "\"heartRate\":1e400|OUT_OF_RANGE|heartRate Infinity outside 20..300 bpm"})
    void vitalOfWrongTypeOrOutOfRange(String fields, Rejection.Code code, String message) {
        assertRejected(record(fields), code, message);
    }

    @Test
    void wrongTypeOfIdentityAndTime() {
        assertRejected("{\"patientId\":42,\"ts\":" + Obs.T0 + ",\"heartRate\":72}", Rejection.Code.WRONG_TYPE,
                "patientId must be a string");
        assertRejected("{\"patientId\":\"P1\",\"ts\":1.70928E12,\"heartRate\":72}", Rejection.Code.WRONG_TYPE,
                "ts must be epoch milliseconds or an ISO-8601 string");
        assertRejected("{\"patientId\":\"P1\",\"ts\":true,\"heartRate\":72}", Rejection.Code.WRONG_TYPE,
                "ts must be epoch milliseconds or an ISO-8601 string");
    }

    @ParameterizedTest(name = "ts {0}")
    @ValueSource(
            strings = {"0", "1709280000", "1709280000000000", "\"1970-01-01T00:00:00Z\"", "\"2100-01-01T00:00:00Z\""})
    void implausibleTimestampIsOutOfRange(String tsJson) {
        Rejection r = rejected("{\"patientId\":\"P1\",\"ts\":" + tsJson + ",\"heartRate\":72}");
        assertThat(r.code()).isEqualTo(Rejection.Code.OUT_OF_RANGE);
        assertThat(r.message()).startsWith("ts ").contains("is not between 2000 and 2100");
    }

    @Test
    void timestampWindowIsFrom2000UpTo2100Exclusive() {
        long from = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
        long until = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
        assertThat(valid(withTs(from)).ts()).isEqualTo(from);
        assertThat(valid(withTs(until - 1)).ts()).isEqualTo(until - 1);
        assertThat(rejected(withTs(from - 1)).code()).isEqualTo(Rejection.Code.OUT_OF_RANGE);
        assertThat(rejected(withTs(until)).code()).isEqualTo(Rejection.Code.OUT_OF_RANGE);
    }

    private static String withTs(long ts) {
        return "{\"patientId\":\"P1\",\"ts\":" + ts + ",\"heartRate\":72}";
    }

    @Test
    void consciousnessOutsideAcvpuIsInvalid() {
        assertRejected(record("\"consciousness\":\"X\""), Rejection.Code.INVALID_VALUE,
                "consciousness 'X' is not one of A, C, V, P, U");
        assertRejected(record("\"consciousness\":\"Alert\""), Rejection.Code.INVALID_VALUE,
                "consciousness 'Alert' is not one of A, C, V, P, U");
    }

    @ParameterizedTest(name = "ts {0}")
    @ValueSource(strings = {"\"2024-03-01T08:00:00\"", "\"yesterday\"", "\"\""})
    void timestampTextWithoutOffsetIsInvalid(String tsJson) {
        Rejection r = rejected("{\"patientId\":\"P1\",\"ts\":" + tsJson + ",\"heartRate\":72}");
        assertThat(r.code()).isEqualTo(Rejection.Code.INVALID_VALUE);
        assertThat(r.message()).isEqualTo("ts '" + tsJson.replace("\"", "") + "' is not ISO-8601 with an offset");
    }

    @ParameterizedTest(name = "patientId \"{0}\"")
    @ValueSource(strings = {"", " P1", "P 1", "-P1", "P1/../P2"})
    void patientIdOutsideTheIdAlphabetIsInvalid(String id) {
        assertRejected("{\"patientId\":\"" + id + "\",\"ts\":" + Obs.T0 + ",\"heartRate\":72}",
                Rejection.Code.INVALID_VALUE,
                "patientId must be 1-64 of [A-Za-z0-9._:-] starting alphanumeric");
    }

    @Test
    void patientIdLengthLimitIs64() {
        String sixtyFour = "P" + "1".repeat(63);
        assertThat(valid("{\"patientId\":\"" + sixtyFour + "\",\"ts\":" + Obs.T0 + ",\"heartRate\":72}").patientId())
                .isEqualTo(sixtyFour);
        assertThat(rejected("{\"patientId\":\"" + sixtyFour + "1\",\"ts\":" + Obs.T0 + ",\"heartRate\":72}").code())
                .isEqualTo(Rejection.Code.INVALID_VALUE);
    }

    @ParameterizedTest(name = "fields [{0}]")
    @ValueSource(strings = {"", "\"deviceId\":\"wrist-7\",\"onOxygen\":true",
            "\"heartRate\":null,\"respiratoryRate\":null,\"spo2\":null,\"systolicBp\":null,\"temperature\":"
                    + "null,\"consciousness\":null"})
    void recordWithoutAnyVital(String fields) {
        assertRejected(record(fields), Rejection.Code.NO_VITALS, "no vital sign in the record");
    }

    // --- several problems, limits, garbage -----------------------------------------------------

    @Test
    void everyProblemInARecordIsReportedUnderTheFirstCode() {
        String json = "{\"ts\":5,\"heartRate\":\"72\",\"spo2\":101,\"consciousness\":\"X\",\"onOxygen\":\"yes\"}";
        assertRejected(json, Rejection.Code.MISSING_FIELD, "patientId is required; "
                + "ts 5 is not between 2000 and 2100 (epoch milliseconds expected); "
                + "heartRate must be a number; "
                + "spo2 101 outside 50..100 %; "
                + "consciousness 'X' is not one of A, C, V, P, U; "
                + "onOxygen must be true or false");
    }

    @Test
    void noVitalsIsNotAddedOnTopOfOtherProblems() {
        assertRejected(record("\"heartRate\":\"72\""), Rejection.Code.WRONG_TYPE, "heartRate must be a number");
    }

    @ParameterizedTest(name = "{0} {1}..{2}")
    @CsvSource({"heartRate, 20, 300", "respiratoryRate, 1, 80", "spo2, 50, 100", "systolicBp, 40, 300",
            "temperature, 25, 45"})
    void physiologicalLimitsAreInclusiveAtBothEnds(String field, double min, double max) {
        assertThat(valid(record("\"" + field + "\":" + min))).isNotNull();
        assertThat(valid(record("\"" + field + "\":" + max))).isNotNull();
        for (double outside : new double[] {min - 0.1, max + 0.1}) {
            Rejection r = rejected(record("\"" + field + "\":" + outside));
            assertThat(r.code()).isEqualTo(Rejection.Code.OUT_OF_RANGE);
            assertThat(r.message()).startsWith(field + " ");
        }
    }

    @Test
    void invalidUtf8InsideARecordIsRejectedNotThrown() {
        byte[] latin1 = record("\"heartRate\":72,\"deviceId\":\"capteur-\u00e9\"")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(rejected(latin1).code()).isEqualTo(Rejection.Code.MALFORMED_JSON);
    }

    @Test
    void garbageBytesAreRejectedNotThrown() {
        byte[][] garbage = {
                {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD},
                {(byte) 0xC0, (byte) 0xAF},
                {0x7B, 0x22, (byte) 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D},
                {0, 0, 0, 0x7B},
                {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}};
        for (byte[] bytes : garbage) {
            assertThat(rejected(bytes).code()).isEqualTo(Rejection.Code.MALFORMED_JSON);
        }
    }

    @Test
    void validRecordFollowedByGarbageBytesIsRejected() {
        byte[] json = record("\"heartRate\":72").getBytes(StandardCharsets.UTF_8);
        byte[] withGarbage = java.util.Arrays.copyOf(json, json.length + 3);
        withGarbage[json.length] = (byte) 0xFF;
        withGarbage[json.length + 1] = (byte) 0xFE;
        withGarbage[json.length + 2] = (byte) 0x00;
        assertThat(rejected(withGarbage).code()).isEqualTo(Rejection.Code.MALFORMED_JSON);
    }

    @Test
    void randomBytesNeverThrowAndNeverParse() {
        Random random = new Random(20240301);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(64)];
            random.nextBytes(bytes);
            bytes[0] = '{';
            assertThatCode(() -> Parsing.parse(bytes)).doesNotThrowAnyException();
            assertThat(Parsing.parse(bytes)).isInstanceOf(ParseResult.Invalid.class);
        }
    }
}
