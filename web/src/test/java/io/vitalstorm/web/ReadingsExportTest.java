package io.vitalstorm.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.VitalHistory;
import io.vitalstorm.storage.cassandra.HistoryEntry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readings slice export: CSV and JSON-lines rows, identifiers through the pseudonymiser, times shifted per
 * patient, streaming, the row cap.
 */
class ReadingsExportTest {

    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-02T00:00:00Z");

    private static HistoryEntry entry(String patient, String device, long ts, Double heartRate, Double spo2) {
        return new HistoryEntry(new Observation(patient, device, ts, heartRate, 18.0, spo2, null, 37.25, null, false),
                heartRate != null && heartRate > 110 ? 2 : 0, "LOW", Map.of(), spo2 == null, true);
    }

    /** Two patients, each newest first, as a history reader gives them. */
    private static final VitalHistory TWO = (patient, from, to, sink) -> {
        long t = FROM.toEpochMilli();
        List<HistoryEntry> rows = patient.equals("P-1")
                ? List.of(entry("P-1", "band,\"7\"", t + 2000, 72.0, 97.0), entry("P-1", null, t + 1000, 115.0, null))
                : List.of(entry("P-2", "dev-2", t + 500, 80.0, 95.0));
        for (HistoryEntry e : rows) {
            if (!sink.test(e)) {
                return;
            }
        }
    };

    private static String export(VitalHistory history, List<String> patients, long max, ReadingsExport.Format f,
                                 Disclosure shown) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReadingsExport.write(history, patients, FROM, TO, max, f, shown, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvHasTheHeaderThenOneQuotedRowPerReadingWithEmptyCellsForAbsentVitals() throws IOException {
        String csv = export(TWO, List.of("P-1", "P-2"), 100, ReadingsExport.Format.CSV, Disclosure.IDENTITIES);
        assertThat(csv.lines().toList()).containsExactly(
                "patient,ts,time,device,news2,band,incomplete,heartRate,respiratoryRate,spo2,systolicBp,temperature,"
                        + "consciousness,onOxygen",
                "P-1,1772323202000,2026-03-01T00:00:02Z,\"band,\"\"7\"\"\",0,LOW,false,72,18,97,,37.25,,false",
                "P-1,1772323201000,2026-03-01T00:00:01Z,,2,LOW,true,115,18,,,37.25,,false",
                "P-2,1772323200500,2026-03-01T00:00:00.500Z,dev-2,0,LOW,false,80,18,95,,37.25,,false");
    }

    @Test
    void jsonLinesLeaveOutAbsentVitalsAndShowOnlyPseudonymsWhenAsked() throws IOException {
        String jsonl = export(TWO, List.of("P-1", "P-2"), 100, ReadingsExport.Format.JSONL,
                pseudonymising(id -> "pseudo-of-" + id.length()));
        assertThat(jsonl).endsWith("\n").doesNotContain("P-1").doesNotContain("P-2").doesNotContain("dev-2");
        List<JsonNode> rows = lines(jsonl);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("patient").asText()).isEqualTo("pseudo-of-3");
        assertThat(rows.get(0).path("device").asText()).isEqualTo("pseudo-of-8");
        assertThat(rows.get(1).has("spo2")).isFalse();
        assertThat(rows.get(1).has("device")).isFalse();
        assertThat(rows.get(1).path("heartRate").asInt()).isEqualTo(115);
        assertThat(rows.get(2).path("time").asText()).isEqualTo("2026-03-01T00:00:00.500Z");
    }

    /** Pseudonyms from {@code ids}, no time shift. */
    private static Disclosure pseudonymising(UnaryOperator<String> ids) {
        return new Disclosure() {
            @Override
            public String id(String identifier) {
                return ids.apply(identifier);
            }

            @Override
            public Duration shift(String patientId) {
                return Duration.ZERO;
            }
        };
    }

    @Test
    void aPseudonymisedExportShiftsEachPatientsTimesByItsOwnWholeDaysKeepingIntervalsAndTimeOfDay(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        Pseudonyms pseudonyms = Pseudonyms.fromKeyFile(io.vitalstorm.core.config.SecretFiles.write(
                dir.resolve("pseudonym.key"), "a-throwaway-pseudonym-key-for-this-test-only"));
        List<JsonNode> plain = lines(export(TWO, List.of("P-1", "P-2"), 100, ReadingsExport.Format.JSONL,
                Disclosure.IDENTITIES));
        List<JsonNode> shifted = lines(export(TWO, List.of("P-1", "P-2"), 100, ReadingsExport.Format.JSONL,
                pseudonyms));
        // identities: the stored times, unshifted
        assertThat(plain).extracting(n -> n.path("ts").asLong()).containsExactly(FROM.toEpochMilli() + 2000,
                FROM.toEpochMilli() + 1000, FROM.toEpochMilli() + 500);
        assertThat(plain.get(0).path("time").asText()).isEqualTo("2026-03-01T00:00:02Z");
        Duration p1 = pseudonyms.shift("P-1");
        Duration p2 = pseudonyms.shift("P-2");
        assertThat(p1).isNotEqualTo(p2);
        for (int i = 0; i < plain.size(); i++) {
            Duration shift = i < 2 ? p1 : p2;
            assertThat(shift.isZero()).isFalse();
            assertThat(shift.toMillis() % Duration.ofDays(1).toMillis()).isZero();
            long ts = shifted.get(i).path("ts").asLong();
            assertThat(ts).isEqualTo(plain.get(i).path("ts").asLong() + shift.toMillis());
            assertThat(shifted.get(i).path("time").asText()).isEqualTo(Instant.ofEpochMilli(ts).toString())
                    .doesNotStartWith("2026-03-01").endsWith(plain.get(i).path("time").asText().substring(10));
        }
        // the interval between a patient's readings is kept
        assertThat(shifted.get(0).path("ts").asLong() - shifted.get(1).path("ts").asLong()).isEqualTo(1000);
        assertThat(shifted).extracting(n -> n.path("heartRate").asInt()).containsExactly(72, 115, 80);
    }

    private static List<JsonNode> lines(String jsonl) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : jsonl.lines().toList()) {
            rows.add(Json.MAPPER.readTree(line));
        }
        return rows;
    }

    @Test
    void anEmptySliceIsAnEmptyJsonLinesFile() throws IOException {
        VitalHistory none = (patient, from, to, sink) -> { };
        assertThat(export(none, List.of("P-1"), 10, ReadingsExport.Format.JSONL, Disclosure.IDENTITIES)).isEmpty();
    }

    @Test
    void rowsReachTheOutputWhileTheHistoryIsStillBeingScannedAndTheScanStopsAtTheCap() throws IOException {
        long[] bytesOut = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                bytesOut[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytesOut[0] += len;
            }
        };
        long[] bytesWhenHalfScanned = {-1};
        int[] offered = {0};
        // a day at 1 Hz, generated on demand: nothing holds the whole slice
        VitalHistory day = (patient, from, to, sink) -> {
            for (int i = 0; i < 86_400; i++) {
                offered[0]++;
                if (i == 43_200) {
                    bytesWhenHalfScanned[0] = bytesOut[0];
                }
                if (!sink.test(entry(patient, "d", TO.toEpochMilli() - 1000L * (i + 1), 70.0 + i % 30, 96.0))) {
                    return;
                }
            }
        };
        long written = ReadingsExport.write(day, List.of("P-1", "P-2"), FROM, TO, 100_000, ReadingsExport.Format.CSV,
                Disclosure.IDENTITIES, counting);
        assertThat(written).isEqualTo(100_000);
        assertThat(offered[0]).as("the second patient's scan stopped at the cap").isEqualTo(100_001);
        // by half a day, most of what was scanned is already written (the writer buffers a few KB only)
        assertThat(bytesWhenHalfScanned[0]).isGreaterThan(43_000L * 60);
    }
}
