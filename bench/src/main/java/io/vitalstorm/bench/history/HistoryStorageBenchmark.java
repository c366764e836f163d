package io.vitalstorm.bench.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.vitalstorm.storage.cassandra.HistoryEntry;
import io.vitalstorm.storage.cassandra.HistoryReader;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import io.vitalstorm.storage.cassandra.RollupRows;
import io.vitalstorm.storage.cassandra.VitalStormSchema;
import io.vitalstorm.storage.history.HistoryBlockCodec;
import io.vitalstorm.storage.history.HistoryBlocks;
import io.vitalstorm.storage.history.SeriesHistogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * History storage (docs/history-storage.md): bytes on disk per reading of a wrist-band and a
 * full-set stream written through the history writer as the topology writes it, and the
 * dashboard's queries on a patient with a year of 1 Hz history generated straight into the
 * block and rollup tables.
 */
public final class HistoryStorageBenchmark {

    /**
     * How much to store: {@code streamPatients} × {@code streamSeconds} per stream;
     * {@code blockDays} days of blocks and minute rollups (the newest) under a year of hour rollups.
     */
    public record Sizes(int streamPatients, int streamSeconds, int blockDays, int queries) {
        public static final Sizes QUICK = new Sizes(20, 1_800, 3, 30);
        public static final Sizes FULL = new Sizes(100, 3_600, 366, 100);
    }

    public record Disk(String stream, long readings, long blockBytes, long rollupBytes) {
        public double blockBytesPerReading() {
            return blockBytes / (double) readings;
        }

        public double totalBytesPerReading() {
            return (blockBytes + rollupBytes) / (double) readings;
        }
    }

    public record Query(String name, int runs, double p50Ms, double p95Ms, double maxMs, long pointsOrReadings) {
    }

    public record Result(Sizes sizes, List<Disk> disk, List<Query> queries) {
    }

    /** The tables measured on disk; blocks are the raw history, the rest derived. */
    static final List<String> BLOCK_TABLES = List.of("history_blocks");
    static final List<String> ROLLUP_TABLES = List.of("history_rollup_1m", "history_rollup_1h", "history_days");
    private static final int CHART_BUCKETS = 240; // the dashboard's default
    private static final int IN_FLIGHT = 256;

    private final CqlSession session;
    private final Path cassandraDir;
    private final String replication;
    private final Consumer<String> log;

    public HistoryStorageBenchmark(CqlSession session, Path cassandraDir, String replication, Consumer<String> log) {
        this.session = session;
        this.cassandraDir = cassandraDir;
        this.replication = replication;
        this.log = log;
    }

    public Result run(Sizes sizes) throws InterruptedException {
        List<Disk> disk = new ArrayList<>();
        for (HistoryStreams.Kind kind : HistoryStreams.Kind.values()) {
            disk.add(disk(kind, sizes));
            Disk d = disk.get(disk.size() - 1);
            log.accept(String.format("  %s: %,d readings, %.2f B/reading in blocks, %.2f B/reading with rollups",
                    d.stream(),
                    d.readings(), d.blockBytesPerReading(), d.totalBytesPerReading()));
        }
        List<Query> queries = queries(sizes);
        queries.forEach(q ->
                log.accept(String.format("  %s: p50 %.1f ms, p95 %.1f ms (%d runs, %,d points)", q.name(), q.p50Ms(),
                q.p95Ms(), q.runs(), q.pointsOrReadings())));
        return new Result(sizes, disk, queries);
    }

    /**
     * Streams readings through {@link HistoryWriter} a second of event time per flush (the
     * read-modify-write the history bolt does), copies the final rows once into a second keyspace
     * (what compaction leaves: one version of each cell), flushes it and sums its SSTable files.
     */
    Disk disk(HistoryStreams.Kind kind, Sizes sizes) throws InterruptedException {
        String name = kind.name().toLowerCase();
        String live = "vs_histbench_" + name;
        String compacted = live + "_c";
        for (String ks : List.of(live, compacted)) {
            session.execute("DROP KEYSPACE IF EXISTS " + ks);
            VitalStormSchema.applyHistory(session, ks, replication, 30);
        }
        HistoryWriter writer = new HistoryWriter(session, live, 30);
        List<HistoryStreams> streams = new ArrayList<>();
        for (int p = 0; p < sizes.streamPatients(); p++) {
            streams.add(new HistoryStreams(kind, "H" + p, p));
        }
        long start = HistoryBlocks.hourStart(System.currentTimeMillis()) - sizes.streamSeconds() * 1000L;
        for (int s = 0; s < sizes.streamSeconds(); s++) {
            List<HistoryEntry> second = new ArrayList<>(streams.size());
            for (HistoryStreams stream : streams) {
                second.add(stream.next(start + s * 1000L));
            }
            writer.writeEntries(second).toCompletableFuture().join();
        }
        long readings = (long) sizes.streamPatients() * sizes.streamSeconds();
        for (String table : concat(BLOCK_TABLES, ROLLUP_TABLES)) {
            copy(live + "." + table, compacted + "." + table);
        }
        return new Disk(name, readings, flushedBytes(compacted, BLOCK_TABLES), flushedBytes(compacted, ROLLUP_TABLES));
    }

    private void copy(String from, String to) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        session.execute("SELECT * FROM " + from).forEach(rows::add);
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>();
        rows.get(0).getColumnDefinitions().forEach(c -> columns.add(c.getName().asCql(true)));
        PreparedStatement insert =
                session.prepare("INSERT INTO " + to + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")");
        Bounded writes = new Bounded(session);
        for (Row r : rows) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.getObject(i);
            }
            writes.add(insert.bind(values));
        }
        writes.drain();
    }

    /** Asks Cassandra to flush the tables' memtables, waits until their SSTables are on disk and stable, sums them. */
    long flushedBytes(String keyspace, List<String> tables) throws InterruptedException {
        for (String table : tables) {
            session.execute("ALTER TABLE " + keyspace + "." + table + " WITH memtable_flush_period_in_ms = 500");
        }
        long previous = -1;
        for (int i = 0; i < 120; i++) {
            Thread.sleep(500);
            long bytes = tableBytes(keyspace, tables);
            if (bytes > 0 && bytes == previous) {
                return bytes;
            }
            previous = bytes;
        }
        throw new IllegalStateException("the SSTables of " + keyspace + " did not settle on disk");
    }

    private long tableBytes(String keyspace, List<String> tables) {
        try (Stream<Path> dirs = Files.walk(cassandraDir)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getParent() != null && d.getParent().getFileName().toString().equals(keyspace))
                    .filter(d -> tables.stream().anyMatch(t -> d.getFileName().toString().startsWith(t + "-")))
                    .mapToLong(HistoryStorageBenchmark::filesIn).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A year of one patient's 1 Hz wrist-band history, then the one-year chart and raw one-hour queries. */
    List<Query> queries(Sizes sizes) throws InterruptedException {
        String ks = "vs_histbench_year";
        session.execute("DROP KEYSPACE IF EXISTS " + ks);
        VitalStormSchema.applyHistory(session, ks, replication, 400);
        long to = HistoryBlocks.hourStart(System.currentTimeMillis());
        long from = to - 365L * 86_400_000L;
        long blocksFrom = to - sizes.blockDays() * 86_400_000L;
        YearGenerator generator = new YearGenerator(session, ks);
        generator.generate("Y1", from, to, blocksFrom);
        log.accept(String.format("  year of history: %,d blocks, %,d minute and %,d hour rollups generated",
                generator.blocks,
                generator.minutes, generator.hours));
        HistoryReader reader = new HistoryReader(session, ks);
        Random random = new Random(1);
        List<Query> out = new ArrayList<>();
        long[] points = {0};
        out.add(time("one-year chart (" + CHART_BUCKETS + " buckets)", sizes.queries(), () -> points[0] = reader
                .aggregate("Y1", Instant.ofEpochMilli(from), Instant.ofEpochMilli(to),
                        (to - from + CHART_BUCKETS - 1) / CHART_BUCKETS)
                .buckets().size(), points));
        long[] readings = {0};
        out.add(time("raw one-hour query", sizes.queries(), () -> {
            long start = blocksFrom + (long) (random.nextDouble() * (to - blocksFrom - HistoryBlocks.HOUR_MILLIS));
            readings[0] = reader.read("Y1", Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(start + HistoryBlocks.HOUR_MILLIS)).size();
        }, readings));
        return out;
    }

    private static Query time(String name, int runs, Runnable query, long[] size) {
        for (int i = 0; i < Math.min(5, runs); i++) {
            query.run(); // warm the driver and Cassandra's caches as a dashboard in use would
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            query.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return new Query(name, runs, percentile(ms, 50), percentile(ms, 95),
                percentile(ms, 100), size[0]);
    }

    /** Writes blocks and rollups as HistoryWriter would leave them, without its read-modify-write. */
    private static final class YearGenerator {
        private final PreparedStatement block;
        private final PreparedStatement minute;
        private final PreparedStatement hour;
        private final Bounded writes;
        long blocks;
        long minutes;
        long hours;

        YearGenerator(CqlSession session, String ks) {
            this.writes = new Bounded(session);
            this.block =
                    session.prepare("INSERT INTO " + ks
                            + ".history_blocks (patient_id, day, block_start, block) VALUES (?, ?, ?, ?)");
            String rollup = " (patient_id, period, bucket, readings, stats) VALUES (?, ?, ?, ?, ?)";
            this.minute = session.prepare("INSERT INTO " + ks + ".history_rollup_1m" + rollup);
            this.hour = session.prepare("INSERT INTO " + ks + ".history_rollup_1h" + rollup);
        }

        void generate(String patient, long from, long to, long blocksFrom) throws InterruptedException {
            HistoryStreams stream = new HistoryStreams(HistoryStreams.Kind.WRIST_BAND, patient, 99);
            for (long h = from; h < to; h += HistoryBlocks.HOUR_MILLIS) {
                SeriesHistogram hourValues = new SeriesHistogram();
                for (long m = h; m < h + HistoryBlocks.HOUR_MILLIS; m += HistoryBlocks.BLOCK_MILLIS) {
                    if (m < blocksFrom) {
                        // outside the stored blocks only the hour rollup is read: one value a minute stands in for 60
                        List<HistoryEntry> one = List.of(stream.next(m));
                        for (int i = 0; i < 60; i++) {
                            hourValues.add(one);
                        }
                        continue;
                    }
                    List<HistoryEntry> entries = new ArrayList<>(60);
                    for (int s = 0; s < 60; s++) {
                        entries.add(stream.next(m + s * 1000L));
                    }
                    hourValues.add(entries);
                    SeriesHistogram minuteValues = SeriesHistogram.of(entries);
                    writes.add(block.bind(patient, HistoryBlocks.dayOf(m), Instant.ofEpochMilli(m),
                            ByteBuffer.wrap(HistoryBlockCodec.encode(m, entries))));
                    writes.add(minute.bind(patient, (int) HistoryBlocks.dayOf(m).toEpochDay(), Instant.ofEpochMilli(m),
                            minuteValues.readings(), RollupRows.stats(minuteValues)));
                    blocks++;
                    minutes++;
                }
                writes.add(hour.bind(patient, HistoryBlocks.dayOf(h).getYear(), Instant.ofEpochMilli(h),
                        hourValues.readings(),
                        RollupRows.stats(hourValues)));
                hours++;
            }
            writes.drain();
        }

    }

    /** Async writes with at most {@link #IN_FLIGHT} outstanding; the first failure is thrown by {@link #drain}. */
    private static final class Bounded {
        private final CqlSession session;
        private final Semaphore permits = new Semaphore(IN_FLIGHT);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Bounded(CqlSession session) {
            this.session = session;
        }

        void add(Statement<?> statement) throws InterruptedException {
            permits.acquire();
            session.executeAsync(statement).whenComplete((ok, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                permits.release();
            });
        }

        void drain() throws InterruptedException {
            permits.acquire(IN_FLIGHT);
            permits.release(IN_FLIGHT);
            if (failure.get() != null) {
                throw new IllegalStateException("a benchmark write failed", failure.get());
            }
        }
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
