package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.risk.ReadingHistory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A patient's readings for a risk state rebuild (Redis lost the checkpoint), read from the history
 * blocks ({@link HistoryReader}) through {@link RebuildReads}: short timeout, fail fast after a
 * failure. At most {@link #MAX_READINGS}, the newest (a 4 h span at one reading a second).
 */
public final class CassandraReadingHistory implements ReadingHistory {

    static final int MAX_READINGS = 15_000;

    private final RebuildReads<HistoryReader> reads;

    public CassandraReadingHistory(Supplier<CqlSession> session, String keyspace) {
        this(session, keyspace, System::currentTimeMillis);
    }

    CassandraReadingHistory(Supplier<CqlSession> session, String keyspace, LongSupplier clock) {
        this.reads = new RebuildReads<>(session, s -> new HistoryReader(s, keyspace, RebuildReads.TIMEOUT), clock);
    }

    @Override
    public List<Observation> readings(String patientId, long from, long to) {
        return reads.read(history -> {
            List<Observation> newestFirst = new ArrayList<>();
            history.scan(patientId, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), e -> {
                newestFirst.add(e.observation());
                return newestFirst.size() < MAX_READINGS;
            });
            Collections.reverse(newestFirst);
            return newestFirst;
        });
    }
}
