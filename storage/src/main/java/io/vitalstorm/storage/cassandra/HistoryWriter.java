package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.ScoredObservation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes scored observations to the history table. Rows of one patient-day go in one unlogged
 * batch: Cassandra applies a single-partition batch as one mutation, so the write cost follows
 * the number of patient-days in a flush, not the number of readings. Rows are keyed by event
 * time and device, so a replayed observation overwrites itself instead of duplicating.
 */
public final class HistoryWriter {

    private static final int INDEXED_PATIENT_DAYS = 100_000;

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement indexDay;
    /** Patient-days already in the history_days index (bounded: the least recently added go first). */
    private final Set<String> indexed = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > INDEXED_PATIENT_DAYS;
        }
    }));
    private final int ttlSeconds;

    public HistoryWriter(CqlSession session, String keyspace, int retentionDays) {
        this.session = session;
        this.ttlSeconds = retentionDays * 86_400;
        this.insert = session.prepare("INSERT INTO " + keyspace + ".observations_by_patient_day "
                + "(patient_id, day, ts, device_id, heart_rate, respiratory_rate, spo2, systolic_bp, temperature, "
                + "consciousness, on_oxygen, news2, band, subscores, incomplete, known_patient) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?");
        this.indexDay = session.prepare("INSERT INTO " + keyspace + ".history_days (day, patient_id) VALUES (?, ?) USING TTL ?");
    }

    /** Completes when every row is stored; fails if any partition batch failed. */
    public CompletionStage<Void> write(List<ScoredObservation> rows) {
        Map<String, List<BoundStatement>> byPartition = new LinkedHashMap<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (ScoredObservation s : rows) {
            LocalDate day = dayOf(s.ts());
            String partitionKey = s.patientId() + '\u0000' + day;
            byPartition.computeIfAbsent(partitionKey, k -> {
                if (!indexed.contains(k)) {
                    // the archive job finds patient-days through this index; once per patient-day, not per flush
                    pending.add(session.executeAsync(indexDay.bind(day, s.patientId(), ttlSeconds)).toCompletableFuture()
                            .thenRun(() -> indexed.add(k)));
                }
                return new ArrayList<>(2);
            }).add(bind(s, day));
        }
        for (List<BoundStatement> partition : byPartition.values()) {
            // a large ward has one row per patient in a flush: a batch of one only adds overhead
            Statement<?> write = partition.size() == 1 ? partition.get(0)
                    : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, partition.toArray(BoundStatement[]::new));
            pending.add(session.executeAsync(write).toCompletableFuture());
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    public static LocalDate dayOf(long ts) {
        return Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private BoundStatement bind(ScoredObservation s, LocalDate day) {
        Observation o = s.observation();
        return insert.bind(s.patientId(), day, Instant.ofEpochMilli(o.ts()), o.deviceId() == null ? "" : o.deviceId(),
                o.heartRate(), o.respiratoryRate(), o.spo2(), o.systolicBp(), o.temperature(),
                o.consciousness() == null ? null : String.valueOf(o.consciousness().code()), o.onOxygen(),
                s.score().total(), s.score().band().name(), Subscores.of(s.score()), s.score().incomplete(),
                s.enriched().knownPatient(), ttlSeconds);
    }
}
