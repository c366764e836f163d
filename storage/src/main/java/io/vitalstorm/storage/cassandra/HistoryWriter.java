package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.storage.history.HistoryBlockCodec;
import io.vitalstorm.storage.history.HistoryBlocks;
import io.vitalstorm.storage.history.SeriesHistogram;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Writes scored observations as compressed patient-minute blocks plus 1-minute and 1-hour
 * rollups (docs/history-storage.md). A flush reads, merges and rewrites each block it touches:
 * the block and the hour's value histogram are cached here, so in steady state a flush reads
 * nothing; the cache is only correct because one patient's history goes to one writer (the
 * history bolt is fields-grouped by patient). Every derived row is a function of the stored
 * blocks, so replays and late readings are idempotent: a replay changes no block and writes
 * nothing; after a failed write or a restart the caches are rebuilt from what is stored.
 */
public final class HistoryWriter {

    private static final int INDEXED_PATIENT_DAYS = 100_000;
    /** Open blocks and hours of a large ward; each entry is ~100 bytes (block) or ~10 KiB (hour). */
    private static final int CACHED_BLOCKS = 50_000;
    private static final int CACHED_HOURS = 20_000;

    private record BlockKey(String patientId, long start) {
    }

    /** Every statement of a flush, reads included: at most 256 in flight, transient timeouts retried. */
    private final BoundedStatements statements;
    private final PreparedStatement insertBlock;
    private final PreparedStatement selectBlock;
    private final PreparedStatement selectHour;
    private final PreparedStatement insertMinute;
    private final PreparedStatement insertHour;
    private final PreparedStatement indexDay;
    private final Cache<BlockKey, byte[]> blocks = Caffeine.newBuilder().maximumSize(CACHED_BLOCKS)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Cache<BlockKey, SeriesHistogram> hours = Caffeine.newBuilder().maximumSize(CACHED_HOURS)
            .expireAfterAccess(Duration.ofMinutes(70)).build();
    /** Patient-days already in the history_days index. */
    private final Cache<BlockKey, Boolean> indexed = Caffeine.newBuilder().maximumSize(INDEXED_PATIENT_DAYS).build();
    private final int ttlSeconds;

    public HistoryWriter(CqlSession session, String keyspace, int retentionDays) {
        this.statements = new BoundedStatements(session);
        this.ttlSeconds = retentionDays * 86_400;
        this.insertBlock =
                session.prepare("INSERT INTO " + keyspace + ".history_blocks (patient_id, day, block_start, block) "
                + "VALUES (?, ?, ?, ?) USING TTL ?");
        this.selectBlock = session.prepare("SELECT block FROM " + keyspace + ".history_blocks "
                + "WHERE patient_id = ? AND day = ? AND block_start = ?");
        this.selectHour = session.prepare("SELECT block_start, block FROM " + keyspace + ".history_blocks "
                + "WHERE patient_id = ? AND day = ? AND block_start >= ? AND block_start < ?");
        String rollupColumns = " (patient_id, period, bucket, readings, stats) VALUES (?, ?, ?, ?, ?) USING TTL ?";
        this.insertMinute = session.prepare("INSERT INTO " + keyspace + ".history_rollup_1m" + rollupColumns);
        this.insertHour = session.prepare("INSERT INTO " + keyspace + ".history_rollup_1h" + rollupColumns);
        this.indexDay =
                session.prepare("INSERT INTO " + keyspace
                        + ".history_days (day, patient_id) VALUES (?, ?) USING TTL ?");
    }

    /** Completes when every block and rollup is stored; fails if any write failed. */
    public CompletionStage<Void> write(List<ScoredObservation> rows) {
        List<HistoryEntry> entries = new ArrayList<>(rows.size());
        for (ScoredObservation s : rows) {
            entries.add(
                    new HistoryEntry(s.observation(), s.score().total(), s.score().band().name(),
                            Subscores.of(s.score()),
                    s.score().incomplete(), s.enriched().knownPatient()));
        }
        return writeEntries(entries);
    }

    /** The same for readings already in stored form (migration from the row layout, benchmarks). */
    public synchronized CompletionStage<Void> writeEntries(List<HistoryEntry> entries) {
        Map<BlockKey, List<HistoryEntry>> byBlock = new LinkedHashMap<>();
        for (HistoryEntry e : entries) {
            byBlock.computeIfAbsent(
                    new BlockKey(e.observation().patientId(), HistoryBlocks.blockStart(e.observation().ts())),
                    k -> new ArrayList<>()).add(e);
        }
        Map<BlockKey, byte[]> storedBlocks = new HashMap<>();
        Map<BlockKey, SeriesHistogram> hourStates = new HashMap<>();
        List<BlockKey> freshHours = load(byBlock.keySet(), storedBlocks, hourStates);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        Map<BlockKey, SeriesHistogram> dirtyHours = new LinkedHashMap<>();
        List<BlockKey> touched = new ArrayList<>();
        for (Map.Entry<BlockKey, List<HistoryEntry>> b : byBlock.entrySet()) {
            BlockKey key = b.getKey();
            BlockKey hourKey = hourOf(key);
            byte[] storedBytes = storedBlocks.get(key);
            List<HistoryEntry> stored = storedBytes == null ? List.of()
                    : HistoryBlockCodec.decode(key.patientId(), key.start(), storedBytes);
            List<HistoryEntry> merged = HistoryBlocks.merge(stored, b.getValue());
            SeriesHistogram hour = hourStates.get(hourKey);
            boolean fresh = freshHours.contains(hourKey);
            if (merged == null && !fresh) {
                continue; // a replay of what is stored: nothing changes
            }
            if (merged != null) {
                byte[] bytes = HistoryBlockCodec.encode(key.start(), merged);
                blocks.put(key, bytes);
                hour.remove(stored);
                hour.add(merged);
                pending.add(execute(insertBlock.bind(key.patientId(), HistoryBlocks.dayOf(key.start()),
                        Instant.ofEpochMilli(key.start()), ByteBuffer.wrap(bytes), ttlSeconds)));
            }
            SeriesHistogram minute = SeriesHistogram.of(merged == null ? stored : merged);
            pending.add(execute(insertMinute.bind(key.patientId(), (int) HistoryBlocks.dayOf(key.start()).toEpochDay(),
                    Instant.ofEpochMilli(key.start()), minute.readings(), RollupRows.stats(minute), ttlSeconds)));
            dirtyHours.put(hourKey, hour);
            touched.add(key);
            index(key, pending);
        }
        dirtyHours.forEach((hourKey, hour) -> pending.add(execute(insertHour.bind(hourKey.patientId(),
                HistoryBlocks.dayOf(hourKey.start()).getYear(), Instant.ofEpochMilli(hourKey.start()), hour.readings(),
                RollupRows.stats(hour), ttlSeconds))));
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).whenComplete((ok, failed) -> {
            if (failed != null) {
                // what is stored is unknown now: the replay rebuilds blocks and hours from Cassandra
                touched.forEach(k -> {
                    blocks.invalidate(k);
                    hours.invalidate(hourOf(k));
                });
            }
        });
    }

    /**
     * The stored state of the blocks and hours a flush touches, from the caches or, where not
     * cached, loaded (an hour's histogram from its stored blocks); returns the hours loaded: their rollups are written
     * even if no block changed, since an earlier attempt may have stored blocks but not rollups.
     */
    private List<BlockKey> load(Iterable<BlockKey> keys, Map<BlockKey, byte[]> storedBlocks,
            Map<BlockKey, SeriesHistogram> hourStates) {
        Map<BlockKey, CompletableFuture<AsyncResultSet>> hourLoads = new HashMap<>();
        for (BlockKey key : keys) {
            BlockKey hourKey = hourOf(key);
            SeriesHistogram cachedHour = hourStates.containsKey(hourKey) ? null : hours.getIfPresent(hourKey);
            if (cachedHour != null) {
                hourStates.put(hourKey, cachedHour);
            } else if (!hourStates.containsKey(hourKey) && !hourLoads.containsKey(hourKey)) {
                hourLoads.put(hourKey,
                        execute(selectHour.bind(key.patientId(), HistoryBlocks.dayOf(key.start()),
                        Instant.ofEpochMilli(hourKey.start()),
                        Instant.ofEpochMilli(hourKey.start() + HistoryBlocks.HOUR_MILLIS))));
            }
        }
        Map<BlockKey, CompletableFuture<AsyncResultSet>> blockLoads = new HashMap<>();
        for (BlockKey key : keys) {
            if (hourLoads.containsKey(hourOf(key))) {
                continue; // the hour's load brings its blocks
            }
            byte[] cached = blocks.getIfPresent(key);
            if (cached != null) {
                storedBlocks.put(key, cached);
            } else {
                blockLoads.put(key, execute(selectBlock.bind(key.patientId(), HistoryBlocks.dayOf(key.start()),
                        Instant.ofEpochMilli(key.start()))));
            }
        }
        hourLoads.forEach((hourKey, load) -> {
            SeriesHistogram hour = new SeriesHistogram();
            for (Row r : all(join(load))) {
                byte[] bytes = bytes(r.getByteBuffer("block"));
                BlockKey block = new BlockKey(hourKey.patientId(), r.getInstant("block_start").toEpochMilli());
                hour.add(HistoryBlockCodec.decode(hourKey.patientId(), block.start(), bytes));
                blocks.put(block, bytes);
                storedBlocks.put(block, bytes);
            }
            hours.put(hourKey, hour);
            hourStates.put(hourKey, hour);
        });
        blockLoads.forEach((key, load) -> {
            Row r = join(load).one();
            if (r != null) {
                byte[] bytes = bytes(r.getByteBuffer("block"));
                blocks.put(key, bytes);
                storedBlocks.put(key, bytes);
            }
        });
        return new ArrayList<>(hourLoads.keySet());
    }

    private void index(BlockKey block, List<CompletableFuture<?>> pending) {
        LocalDate day = HistoryBlocks.dayOf(block.start());
        BlockKey dayKey = new BlockKey(block.patientId(), day.toEpochDay());
        if (indexed.getIfPresent(dayKey) == null) {
            // the archive job finds patient-days through this index; once per patient-day, not per flush
            pending.add(execute(indexDay.bind(day, block.patientId(), ttlSeconds))
                    .thenRun(() -> indexed.put(dayKey, true)));
        }
    }

    private CompletableFuture<AsyncResultSet> execute(com.datastax.oss.driver.api.core.cql.Statement<?> statement) {
        return statements.execute(statement);
    }

    /** Statements sent again after a transient timeout ({@link BoundedStatements}), since start. */
    public long timeoutsRetried() {
        return statements.retried();
    }

    /** Statements that still timed out at their last attempt (their batch failed for a replay), since start. */
    public long timeoutsGivenUp() {
        return statements.gaveUp();
    }

    private static BlockKey hourOf(BlockKey block) {
        return new BlockKey(block.patientId(), HistoryBlocks.hourStart(block.start()));
    }

    private static List<Row> all(AsyncResultSet page) {
        List<Row> rows = new ArrayList<>();
        while (true) {
            page.currentPage().forEach(rows::add);
            if (!page.hasMorePages()) {
                return rows;
            }
            page = join(page.fetchNextPage().toCompletableFuture());
        }
    }

    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    public static LocalDate dayOf(long ts) {
        return HistoryBlocks.dayOf(ts);
    }
}
