package io.vitalstorm.it;

import com.datastax.oss.driver.api.core.data.TupleValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.AggregatedSeries;
import io.vitalstorm.storage.SeriesAggregator;
import io.vitalstorm.storage.cassandra.HistoryDayExport;
import io.vitalstorm.storage.cassandra.HistoryEntry;
import io.vitalstorm.storage.cassandra.HistoryReader;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import io.vitalstorm.storage.cassandra.RowLayoutMigration;
import io.vitalstorm.storage.history.HistoryBlocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * History blocks and rollups on the real Cassandra: exact readings back, idempotent merges, rollups, migration, export.
 */
class HistoryBlocksCassandraTest {

    private static final Instant T0 = Instant.parse("2026-03-10T00:00:00Z");

    private static ServerClients servers;
    private static String ks;

    @BeforeAll
    static void open() {
        servers = ServerClients.open("blocks");
        ks = servers.settings.cassandraKeyspace();
    }

    @AfterAll
    static void close() {
        servers.close();
    }

    private HistoryWriter writer() {
        return new HistoryWriter(servers.cassandra, ks, servers.settings.retentionDays());
    }

    private static HistoryEntry reading(String patient, long second, double hr, String device) {
        return new HistoryEntry(
                new Observation(patient, device, T0.toEpochMilli() + second * 1000 + (second % 7 == 0 ? 250 : 0),
                hr, second % 60 == 0 ? 18.0 : null, 96.0 + second % 3, null, null, null, null),
                (int) (second % 5), "LOW", Map.of("heartRate", (int) (second % 2)), true, true);
    }

    private static Map<String, AggregatedSeries.Stats> statsOf(Map<String, TupleValue> row) {
        Map<String, AggregatedSeries.Stats> out = new java.util.LinkedHashMap<>();
        for (String series : AggregatedSeries.SERIES) {
            TupleValue t = row.get(series);
            if (t != null) {
                out.put(series,
                        new AggregatedSeries.Stats(t.getDouble(0), t.getDouble(1), t.getDouble(2), t.getInt(3)));
            }
        }
        return out;
    }

    private static List<HistoryEntry> newestFirst(List<HistoryEntry> entries) {
        List<HistoryEntry> out = new ArrayList<>(entries);
        out.sort(HistoryBlocks.ORDER.reversed());
        return out;
    }

    @Test
    void lateReplayedAndRestartedWritesStoreEveryReadingOnceExactly() {
        List<HistoryEntry> all = new ArrayList<>();
        Random random = new Random(11);
        for (int s = 0; s < 2 * 3600; s++) {
            all.add(reading("B1", s, 60 + random.nextInt(30), "wrist-1"));
        }
        all.add(reading("B1", 100, 99, "nurse-2")); // same moment, another device
        List<HistoryEntry> late = new ArrayList<>(all.subList(3000, 3600));
        HistoryWriter live = writer();
        List<HistoryEntry> onTime = new ArrayList<>(all);
        onTime.removeAll(late);
        for (int i = 0; i < onTime.size(); i += 500) {
            live.writeEntries(onTime.subList(i, Math.min(onTime.size(), i + 500))).toCompletableFuture().join();
        }
        Collections.shuffle(late, random);
        live.writeEntries(late).toCompletableFuture().join();
        live.writeEntries(all.subList(0, 1000)).toCompletableFuture().join(); // replay, same worker
        writer().writeEntries(all.subList(500, 4000)).toCompletableFuture().join(); // replay after a restart

        HistoryReader reader = new HistoryReader(servers.cassandra, ks);
        Instant to = T0.plusSeconds(2 * 3600);
        assertThat(reader.read("B1", T0, to)).containsExactlyElementsOf(newestFirst(all));
        // a raw one-hour query and an early stop
        assertThat(reader.read("B1", T0.plusSeconds(1800), T0.plusSeconds(5400)))
                .containsExactlyElementsOf(newestFirst(all).stream()
                        .filter(e -> e.observation().ts() >= T0.plusSeconds(1800).toEpochMilli()
                                && e.observation().ts() < T0.plusSeconds(5400).toEpochMilli()).toList());
        List<HistoryEntry> firstTen = new ArrayList<>();
        reader.scan("B1", T0, to, e -> firstTen.add(e) && firstTen.size() < 10);
        assertThat(firstTen).hasSize(10);

        // hour buckets from the rollups match the raw aggregation exactly (one rollup row per bucket)
        AggregatedSeries fromRollups = reader.aggregate("B1", T0, T0.plusSeconds(24 * 3600), 12 * 3_600_000L);
        SeriesAggregator raw = new SeriesAggregator(T0, T0.plusSeconds(24 * 3600), 12 * 3_600_000L);
        newestFirst(all).forEach(raw::add);
        assertThat(fromRollups.totalReadings()).isEqualTo(all.size());
        AggregatedSeries.Bucket expected = raw.result().buckets().get(0);
        AggregatedSeries.Bucket actual = fromRollups.buckets().get(0);
        for (String series : List.of("heartRate", "spo2", "news2", "respiratoryRate")) {
            assertThat(actual.stats().get(series).min()).isEqualTo(expected.stats().get(series).min());
            assertThat(actual.stats().get(series).max()).isEqualTo(expected.stats().get(series).max());
            assertThat(actual.stats().get(series).count()).isEqualTo(expected.stats().get(series).count());
        }
        // each stored hour rollup is exactly the hour's raw statistics, after all the replays
        SeriesAggregator rawHourly = new SeriesAggregator(T0, T0.plusSeconds(2 * 3600), 3_600_000L);
        newestFirst(all).forEach(rawHourly::add);
        List<AggregatedSeries.Bucket> stored = new ArrayList<>();
        servers.cassandra.execute("SELECT bucket, readings, stats FROM " + ks
                + ".history_rollup_1h WHERE patient_id = 'B1' AND period = 2026")
                .forEach(r -> stored.add(new AggregatedSeries.Bucket(r.getInstant("bucket"), r.getInt("readings"),
                        statsOf(r.getMap("stats", String.class, TupleValue.class)))));
        assertThat(stored).isEqualTo(rawHourly.result().buckets());
        // short buckets come from the raw readings
        AggregatedSeries fiveMinutes = reader.aggregate("B1", T0, T0.plusSeconds(2 * 3600), 300_000L);
        SeriesAggregator rawFive = new SeriesAggregator(T0, T0.plusSeconds(2 * 3600), 300_000L);
        newestFirst(all).forEach(rawFive::add);
        assertThat(fiveMinutes).isEqualTo(rawFive.result());
        // minute rollups: a 2-hour range in 12-minute buckets, with a ragged start
        AggregatedSeries minutes = reader.aggregate("B1", T0.plusSeconds(30), T0.plusSeconds(7200), 12 * 60_000L);
        assertThat(minutes.totalReadings())
                .isEqualTo(all.stream().filter(e -> e.observation().ts() >= T0.plusSeconds(30).toEpochMilli()).count());

        // the archive job's export reads blocks, oldest first, in the row layout's columns
        HistoryDayExport export = new HistoryDayExport(servers.cassandra, ks);
        LocalDate day = LocalDate.of(2026, 3, 10);
        assertThat(export.patientsOn(day)).contains("B1");
        List<ObjectNode> rows = new ArrayList<>();
        export.forEachRow("B1", day, rows::add);
        assertThat(rows).hasSize(all.size());
        assertThat(rows.get(0).path("ts").asText()).isEqualTo("2026-03-10T00:00:00.250Z");
        assertThat(rows.get(0).path("device_id").asText()).isEqualTo("wrist-1");
        assertThat(rows.get(0).path("subscores").path("heartRate").asInt()).isZero();
    }

    @Test
    void rowLayoutHistoryConvertsToBlocksOnceHoweverOftenItRuns() {
        LocalDate day = LocalDate.of(2026, 3, 11);
        Instant start = day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        List<HistoryEntry> legacy = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            HistoryEntry e =
                    new HistoryEntry(new Observation("M1", "wrist-9", start.toEpochMilli() + s * 1000L, 70.0 + s % 9,
                    null, 97.0, null, 36.6, null, null), 1, "LOW", Map.of("heartRate", 0), true, true);
            legacy.add(e);
            Observation o = e.observation();
            servers.cassandra.execute("INSERT INTO " + ks
                    + ".observations_by_patient_day (patient_id, day, ts, device_id, "
                    + "heart_rate, spo2, temperature, news2, band, subscores, incomplete, known_patient) VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "M1", day, Instant.ofEpochMilli(o.ts()), o.deviceId(),
                    o.heartRate(),
                    o.spo2(), o.temperature(), 1, "LOW", Map.of("heartRate", 0), true, true);
        }
        servers.cassandra.execute("INSERT INTO " + ks + ".history_days (day, patient_id) VALUES (?, ?)", day, "M1");
        HistoryWriter blocks = writer();
        RowLayoutMigration migration = new RowLayoutMigration(servers.cassandra, ks, blocks);
        assertThat(migration.migrate(day, day)).isEqualTo(new RowLayoutMigration.Result(1, 300));
        new RowLayoutMigration(servers.cassandra, ks, writer()).migrate(day.minusDays(1), day);
        List<HistoryEntry> back = new HistoryReader(servers.cassandra, ks).read("M1", start, start.plusSeconds(86_400));
        legacy.sort(Comparator.comparingLong((HistoryEntry e) -> e.observation().ts()).reversed());
        assertThat(back).containsExactlyElementsOf(legacy);
    }

    @Test
    void patientsReadingsCommandPrintsTheStoredReadingsNewestFirst() throws Exception {
        List<HistoryEntry> entries = List.of(reading("CLI1", 0, 70, "wrist-1"), reading("CLI1", 1, 71, "wrist-1"),
                reading("CLI1", 2, 72, "wrist-1"));
        writer().writeEntries(entries).toCompletableFuture().join();
        Path dir = Files.createDirectories(Path.of("target", "blocks-cli"));
        Path config = Files.write(dir.resolve("vitalstorm.yaml"), servers.configLines());

        String out = Cli.run("patients", "readings", "CLI1", "--from", T0.toString(), "--to",
                T0.plusSeconds(2).toString(), "--config", config.toString());
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(2); // --to is exclusive
        assertThat(lines.get(0)).contains("\"heartRate\":71,").contains("\"news2\":1").contains("\"band\":\"LOW\"");
        assertThat(lines.get(1)).contains("\"heartRate\":70,").contains("\"news2\":0")
                .contains("\"deviceId\":\"wrist-1\"");
        assertThat(Cli.runExpectingExit(64, "patients", "readings", "CLI1", "--from", T0.toString(), "--to",
                T0.toString(), "--config", config.toString())).contains("must be before");
    }
}
