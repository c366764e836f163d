package io.vitalstorm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay command as a user calls it: files in, JSON lines out, exit status. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private List<JsonNode> outputLines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                nodes.add(Json.MAPPER.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void scoresEveryValidLineAndExitsTwoWhenSomeLinesAreInvalid() throws Exception {
        Path patients = write("patients.jsonl", "{\"patientId\":\"C1\",\"spo2Scale\":2}");
        Path obs = write("obs.jsonl",
                "{\"patientId\":\"C1\",\"ts\":1795000000000,\"spo2\":89,\"onOxygen\":false}",
                "{\"patientId\":\"S1\",\"ts\":1795000000000,\"spo2\":89,\"onOxygen\":false}",
                "{\"patientId\":\"S1\",\"ts\":1795000060000,\"heartRate\":\"fast\"}");

        int status = run("replay", "--patients", patients.toString(), "--scores", obs.toString());

        assertThat(status).isEqualTo(2);
        List<JsonNode> scores = outputLines();
        assertThat(scores).hasSize(2);
        // 89 % on air: 0 on the prescribed scale 2, 3 on scale 1 for the unregistered patient
        assertThat(scores.get(0).get("news2").asInt()).isZero();
        assertThat(scores.get(1).get("news2").asInt()).isEqualTo(3);
        assertThat(scores.get(1).get("band").asText()).isEqualTo("LOW_MEDIUM");
        assertThat(scores.get(1).get("subscores").get("spo2").asInt()).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3: WRONG_TYPE: heartRate must be a number")
                .contains("2 valid, 1 invalid");
    }

    @Test
    void printsAlertsAndExitsZeroWhenAllLinesAreValid() throws Exception {
        Path patients = write("patients.jsonl", "{\"patientId\":\"D1\",\"ward\":\"W1\"}");
        Path obs = write("obs.jsonl",
                "{\"patientId\":\"D1\",\"ts\":\"2026-11-01T08:00:00Z\",\"respiratoryRate\":16,\"heartRate\":80}",
                "{\"patientId\":\"D1\",\"ts\":\"2026-11-01T08:05:00Z\",\"respiratoryRate\":26,\"heartRate\":"
                + "80,\"temperature\":37.0}");

        int status = run("replay", "--patients", patients.toString(), obs.toString());

        assertThat(status).isZero();
        List<JsonNode> alerts = outputLines();
        // a spot check (temperature taken) with RR 26 (a red 3): NEWS2 at once, and 0 → 3 is a rise within the hour
        assertThat(alerts).extracting(a -> a.get("condition").asText()).containsExactly("NEWS2", "DETERIORATING");
        assertThat(alerts.get(0).get("state").asText()).isEqualTo("OPEN");
        assertThat(alerts.get(0).get("band").asText()).isEqualTo("LOW_MEDIUM");
        assertThat(alerts.get(0).get("ts").asLong()).isEqualTo(1793520300000L);
        assertThat(alerts.get(0).get("alertId").asText()).isNotBlank();
    }

    @Test
    void aMissingFileIsAClearErrorNotAStackTrace() {
        int status = run("replay", "--patients", dir.resolve("nope.jsonl").toString(), "obs.jsonl");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file").contains("nope.jsonl");
    }

    @Test
    void aWrongCallShowsTheUsage() {
        int status = run("replay", "--bogus", "obs.jsonl");

        assertThat(status).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--bogus'")
                .contains("Usage: vitalstorm replay");
    }

    @Test
    void aLineThatIsNotUtf8OrBeyondTheTimeRangeIsReportedWithItsNumberAndTheRestIsStillReplayed() throws Exception {
        Path obs = dir.resolve("hostile.jsonl");
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes(
                "{\"patientId\":\"S1\",\"ts\":1795000000000,\"heartRate\":70}\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(new byte[] {'{', '"', 'p', (byte) 0xFF, '"', ':', '1', '}', '\n'});
        file.writeBytes(
                "{\"patientId\":\"S1\",\"ts\":\"+999999999-12-31T23:59:59Z\",\"heartRate\":70}\n".getBytes(
                        StandardCharsets.UTF_8));
        file.writeBytes(
                "{\"patientId\":\"S1\",\"ts\":1795000001000,\"heartRate\":71}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(obs, file.toByteArray());

        int status = run("replay", "--scores", obs.toString());

        assertThat(status).as("some lines were bad").isEqualTo(2);
        assertThat(outputLines()).extracting(n -> n.get("ts").asLong()).containsExactly(1795000000000L, 1795000001000L);
        List<String> errors = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(errors.get(0)).startsWith("line 2: MALFORMED_JSON: not valid UTF-8");
        assertThat(errors.get(1)).startsWith("line 3: OUT_OF_RANGE: ts +999999999-12-31T23:59:59Z");
        assertThat(errors.get(2)).startsWith("replay: 4 lines, 2 valid, 2 invalid");
    }
}
