package io.vitalstorm.bolts;

import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A batching sink fed straight by a spout (history, alert store): the item is decoded from the
 * record's bytes, a record that cannot be decoded is a dead letter with its coordinates, and
 * replays are counted per record (topic, partition, offset); a missing keyspace or table is
 * re-applied.
 */
abstract class KafkaRecordBatchingBolt<T> extends BatchingBolt<T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRecordBatchingBolt.class);
    public static final String SCHEMA_REAPPLIED = "vitalstorm.schemaReapplied";

    /** At most one schema re-apply per worker JVM in this time, however many tasks find it missing. */
    static final long SCHEMA_REPAIR_INTERVAL_MS = 30_000;
    private static final AtomicLong LAST_SCHEMA_REPAIR = new AtomicLong(Long.MIN_VALUE / 2);

    private final ClientFactory<Runnable> schemaRepairFactory;
    private transient Runnable schemaRepair;

    KafkaRecordBatchingBolt(int maxBatch, long maxDelayMs, ClientFactory<Runnable> schemaRepairFactory) {
        super(maxBatch, maxDelayMs);
        this.schemaRepairFactory = schemaRepairFactory;
    }

    /**
     * A keyspace or table gone (dropped by mistake, a node rebuilt without it): the batch is failed
     * for a replay as for any outage, and the schema re-applied so that the replay can succeed.
     */
    @Override
    protected final void onWriteFailure(Exception failure) {
        if (!TransientFailures.isMissingSchema(failure)) {
            return;
        }
        long now = System.currentTimeMillis();
        long last = LAST_SCHEMA_REPAIR.get();
        if (now - last < SCHEMA_REPAIR_INTERVAL_MS || !LAST_SCHEMA_REPAIR.compareAndSet(last, now)) {
            return;
        }
        try {
            if (schemaRepair == null) {
                schemaRepair = schemaRepairFactory.create(support().settings());
            }
            schemaRepair.run();
            support().metrics().counter(SCHEMA_REAPPLIED).inc();
            LOG.warn("Cassandra keyspace or table was missing ({}); schema re-applied", failure.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Cassandra schema missing and could not be re-applied yet: {}", e.toString());
        }
    }

    /** For tests: the next missing-schema failure re-applies at once. */
    static void resetSchemaRepairInterval() {
        LAST_SCHEMA_REPAIR.set(Long.MIN_VALUE / 2);
    }

    /** The item of a record's value; {@link IllegalArgumentException} when it is unreadable. */
    protected abstract T decode(byte[] value);

    @Override
    protected final T item(Tuple tuple) {
        try {
            return decode(tuple.getBinaryByField(VitalsRecordTranslator.VALUE));
        } catch (IllegalArgumentException unreadable) {
            failOrGiveUp(tuple, unreadable); // deterministic: a dead letter, acked
            return null;
        }
    }

    @Override
    protected final String recordKey(Tuple tuple) {
        return BoltSupport.recordKey(tuple);
    }

    @Override
    protected final Values deadLetter(Tuple tuple, Rejection rejection) {
        return support().deadLetters().ofRecord(tuple, rejection);
    }
}
