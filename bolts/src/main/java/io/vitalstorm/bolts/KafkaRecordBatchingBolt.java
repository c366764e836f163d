package io.vitalstorm.bolts;

import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

/**
 * A batching sink fed straight by a spout (history, alert store): the item is decoded from the
 * record's bytes, a record that cannot be decoded is a dead letter with its coordinates, and
 * replays are counted per record (topic, partition, offset).
 */
abstract class KafkaRecordBatchingBolt<T> extends BatchingBolt<T> {

    private static final long serialVersionUID = 1L;

    KafkaRecordBatchingBolt(int maxBatch, long maxDelayMs) {
        super(maxBatch, maxDelayMs);
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
        return tuple.getStringByField(VitalsRecordTranslator.TOPIC) + "/" + tuple.getIntegerByField(VitalsRecordTranslator.PARTITION)
                + "@" + tuple.getLongByField(VitalsRecordTranslator.OFFSET);
    }

    @Override
    protected final Values deadLetter(Tuple tuple, Rejection rejection) {
        return support().deadLetters().ofRecord(tuple, rejection);
    }
}
