package io.vitalstorm.core.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.testsupport.Profiles;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.vitalstorm.core.testsupport.JsonSupport.fieldNames;
import static io.vitalstorm.core.testsupport.JsonSupport.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ReplayTest {

    /**
     * P1 is on scale 1, P2 (COPD) on scale 2, P9 is not in the registry. Complete sets are spot
     * checks (they count at once); P9's lone heart rate is continuous data that must be sustained.
     * Expected per line: 1 P1 normal → 0 LOW; 2 P2 on oxygen, SpO2 90 (scale 2 →0), RR 22 →2, O2 →2,
     * HR 95 →1 → 5 MEDIUM, NEWS2 OPEN; 3 malformed; 4 blank; 5 P9 HR 131 only → 3 LOW_MEDIUM, one
     * reading: no alert; 6 HR 400 rejected; 7 P1 RR 25 →3, HR 131 →3, 39.1 °C →2 → 8 HIGH, NEWS2 OPEN
     * and DETERIORATING OPEN (0 → 8 within the hour); 8 P2 on air SpO2 90 → 0 LOW; 9 at 08:25 the
     * file's clock shows P1 (last 08:05), P2 (08:10) and P9 (08:01) silent for over 10 min: NO_DATA
     * each; then P2's reading, 15 min below the trigger: NEWS2 RESOLVED, NO_DATA RESOLVED.
     */
    private static final String OBSERVATIONS = """
            {"patientId":"P1","ts":1709280000000,"respiratoryRate":16,"spo2":97,"onOxygen":false,"systolicBp":120,\
            "heartRate":70,"consciousness":"A","temperature":37.0}
            {"patientId":"P2","ts":"2024-03-01T08:00:00Z","respiratoryRate":22,"spo2":90,"onOxygen":true,\
            "systolicBp":135,"heartRate":95,"consciousness":"A","temperature":37.4}
            this is not json

            {"patientId":"P9","ts":"2024-03-01T09:01:00+01:00","heartRate":131,"firmware":"2.1"}
            {"patientId":"P1","ts":1709280060000,"heartRate":400}
            {"patientId":"P1","ts":"2024-03-01T08:05:00Z","respiratoryRate":25,"spo2":97,"onOxygen":false,\
            "systolicBp":120,"heartRate":131,"consciousness":"A","temperature":39.1}
            {"patientId":"P2","ts":"2024-03-01T08:10:00Z","respiratoryRate":16,"spo2":90,"onOxygen":false,\
            "systolicBp":130,"heartRate":80,"consciousness":"A","temperature":37.0}
            {"patientId":"P2","ts":"2024-03-01T08:25:00Z","respiratoryRate":16,"spo2":90,"onOxygen":false,\
            "systolicBp":130,"heartRate":80,"consciousness":"A","temperature":37.0}
            """;

    private static final Map<String, PatientProfile> REGISTRY = Map.of("P1", Profiles.scale1("P1"), "P2",
            Profiles.scale2("P2"));

    /** One replay of {@link #OBSERVATIONS}, with what it wrote to out and err. */
    private record Run(Replay.Summary summary, String out, List<String> err) {
    }

    private static Run replay(Replay.Output output) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Replay.Summary summary;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            summary = new Replay(Thresholds.DEFAULTS, REGISTRY, output)
                    .run(new BufferedReader(new StringReader(OBSERVATIONS)), o, e);
        }
        return new Run(summary, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void scoresOutputHasOneLinePerValidObservation() throws IOException {
        List<JsonNode> scores = jsonLines(replay(Replay.Output.SCORES).out());

        assertThat(scores).extracting(n -> n.get("patientId").asText(), n -> n.get("news2").asInt(),
                        n -> n.get("band").asText(), n -> n.get("spo2Scale").asInt(),
                        n -> n.get("knownPatient").asBoolean())
                .containsExactly(
                        tuple("P1", 0, "LOW", 1, true),
                        tuple("P2", 5, "MEDIUM", 2, true),
                        tuple("P9", 3, "LOW_MEDIUM", 1, false),
                        tuple("P1", 8, "HIGH", 1, true),
                        tuple("P2", 0, "LOW", 2, true),
                        tuple("P2", 0, "LOW", 2, true));
        assertThat(scores).allSatisfy(n -> assertThat(fieldNames(n))
                .contains("patientId", "ts", "time", "news2", "band", "subscores", "incomplete", "missing"));
        assertThat(scores).extracting(n -> n.get("ts").asLong()).containsExactly(Obs.T0, Obs.T0, Obs.T0 + Obs.MINUTE,
                Obs.T0 + 5 * Obs.MINUTE, Obs.T0 + 10 * Obs.MINUTE, Obs.T0 + 25 * Obs.MINUTE);
    }

    @Test
    void scoresCarrySubscoresAndWhatIsMissing() throws IOException {
        List<JsonNode> scores = jsonLines(replay(Replay.Output.SCORES).out());

        JsonNode copd = scores.get(1);
        assertThat(copd.get("subscores").toString()).isEqualTo("{\"respiratoryRate\":2,\"spo2\":0,\"airOrOxygen\":2,"
                + "\"systolicBp\":0,\"heartRate\":1,\"consciousness\":0,\"temperature\":0}");
        assertThat(copd.get("incomplete").asBoolean()).isFalse();

        JsonNode unknown = scores.get(2);
        assertThat(unknown.get("subscores").toString()).isEqualTo("{\"heartRate\":3}");
        assertThat(unknown.get("incomplete").asBoolean()).isTrue();
        assertThat(unknown.get("missing")).hasSize(6);
    }

    @Test
    void alertsOutputHasOneClinicianMessagePerTransition() throws IOException {
        List<JsonNode> alerts = jsonLines(replay(Replay.Output.ALERTS).out());

        assertThat(alerts).extracting(n -> n.get("patientId").asText(), n -> n.get("condition").asText(),
                        n -> n.get("state").asText(), n -> n.get("band").asText(), n -> n.get("time").asText())
                .containsExactly(
                        tuple("P2", "NEWS2", "OPEN", "MEDIUM", "2024-03-01T08:00:00Z"),
                        tuple("P1", "NEWS2", "OPEN", "HIGH", "2024-03-01T08:05:00Z"),
                        tuple("P1", "DETERIORATING", "OPEN", "HIGH", "2024-03-01T08:05:00Z"),
                        tuple("P1", "NO_DATA", "OPEN", "HIGH", "2024-03-01T08:15:00Z"),
                        tuple("P2", "NO_DATA", "OPEN", "LOW", "2024-03-01T08:20:00Z"),
                        tuple("P9", "NO_DATA", "OPEN", "LOW", "2024-03-01T08:11:00Z"),
                        tuple("P2", "NEWS2", "RESOLVED", "LOW", "2024-03-01T08:25:00Z"),
                        tuple("P2", "NO_DATA", "RESOLVED", "LOW", "2024-03-01T08:25:00Z"));
        assertThat(alerts.get(6).get("alertId").asText()).isEqualTo(alerts.get(0).get("alertId").asText());
        assertThat(alerts.get(2).get("reason").asText()).isEqualTo("NEWS2 rose by 8 (from 0 to 8) within 60 min");
        assertThat(alerts.get(0).get("patient").get("ward").asText()).isEqualTo("Ward-P2");
        assertThat(alerts.get(5).get("patient").get("ward").asText()).isEqualTo(PatientProfile.UNKNOWN_WARD);
        assertThat(alerts.get(5).get("knownPatient").asBoolean()).isFalse();
    }

    @Test
    void rejectedLinesGoToStderrWithTheirLineNumberAndCode() throws IOException {
        List<String> err = replay(Replay.Output.SCORES).err();

        assertThat(err).hasSize(2);
        assertThat(err.get(0)).startsWith("line 3: MALFORMED_JSON: ");
        assertThat(err.get(1)).isEqualTo("line 6: OUT_OF_RANGE: heartRate 400 outside 20..300 bpm");
    }

    @Test
    void summaryCountsEveryKindOfLine() throws IOException {
        Replay.Summary s = replay(Replay.Output.ALERTS).summary();

        assertThat(s.lines).isEqualTo(9);
        assertThat(s.blank).isEqualTo(1);
        assertThat(s.valid).isEqualTo(6);
        assertThat(s.invalid).isEqualTo(2);
        assertThat(s.allValid()).isFalse();
        assertThat(s.unknownPatients).containsExactly("P9");
        assertThat(s.unknownPatientObservations).isEqualTo(1);
        assertThat(s.alerts).isEqualTo(Map.of(AlertState.OPEN, 6L, AlertState.RESOLVED, 2L));
        assertThat(s.toString()).isEqualTo("replay: 9 lines, 6 valid, 2 invalid, 1 blank; 0 late; 1 unknown patients "
                + "(1 observations); 8 alert events {OPEN=6, RESOLVED=2}");
    }

    @Test
    void bothOutputsCountTheSameAlerts() throws IOException {
        assertThat(replay(Replay.Output.SCORES).summary().alerts)
                .isEqualTo(replay(Replay.Output.ALERTS).summary().alerts);
    }

    @Test
    void hostileLinesAreReportedWithTheirNumberAndEveryGoodLineIsStillReplayed() throws IOException {
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> line = l -> file.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8));
        line.accept("{\"patientId\":\"P1\",\"ts\":1709280000000,\"heartRate\":70}");
        line.accept("{\"patientId\":\"P1\",\"ts\":\"+999999999-12-31T23:59:59Z\",\"heartRate\":70}");
        file.writeBytes(new byte[] {'{', '"', (byte) 0xC3, '(', '"', ':', '1', '}', '\n'}); // not UTF-8
        line.accept("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\","
                + "\"status\":\"final\",\"subject\":{\"reference\":\"Patient/P2\"},\"effectiveDateTime\":"
                + "\"+999999999-01-01T00:00:00Z\","
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},"
                + "\"valueQuantity\":{\"value\":80,"
                + "\"code\":\"/min\"}}},{\"resource\":{\"resourceType\":\"Observation\",\"status\":"
                + "\"final\",\"subject\":"
                + "{\"reference\":\"Patient/P2\"},\"effectiveDateTime\":\"2024-03-01T08:00:10Z\","
                + "\"code\":{\"coding\":[{\"system\":"
                + "\"http://loinc.org\",\"code\":\"8867-4\"}]},\"valueQuantity\":{\"value\":80,\"code\":\"/min\"}}}]}");
        line.accept("{\"patientId\":\"P1\",\"ts\":1709280001000,\"heartRate\":" + "7".repeat(600_000) + "}");
        line.accept("{\"patientId\":\"P1\",\"ts\":1709280002000,\"heartRate\":71}\r");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Replay.Summary summary = new Replay(Thresholds.DEFAULTS, REGISTRY, Replay.Output.SCORES).run(
                new java.io.ByteArrayInputStream(file.toByteArray()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        List<String> errors = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0))
                .startsWith("line 2: OUT_OF_RANGE: ts +999999999-12-31T23:59:59Z is not between 2000 and 2100");
        assertThat(errors.get(1)).startsWith("line 3: MALFORMED_JSON: ");
        assertThat(errors.get(2))
                .startsWith("line 4: INVALID_VALUE: entry 0: effectiveDateTime '+999999999-01-01T00:00:00Z'");
        assertThat(errors.get(3)).startsWith("line 5: TOO_LARGE: ");
        assertThat(jsonLines(out.toString(StandardCharsets.UTF_8)))
                .extracting(n -> n.get("patientId").asText(), n -> n.get("ts").asLong())
                .containsExactly(tuple("P1", 1709280000000L), tuple("P2", 1709280010000L), tuple("P1", 1709280002000L));
        assertThat(summary.lines).isEqualTo(6);
        assertThat(summary.valid).isEqualTo(3);
        assertThat(summary.invalid).isEqualTo(4);
    }
}
