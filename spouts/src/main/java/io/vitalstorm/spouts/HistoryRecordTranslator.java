package io.vitalstorm.spouts;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.storm.kafka.spout.KafkaTuple;
import org.apache.storm.kafka.spout.RecordTranslator;
import org.apache.storm.tuple.Fields;
import org.apache.storm.utils.Utils;

import java.util.List;

/**
 * The history topic carries two kinds of record on their way to Cassandra, told apart by their
 * first byte: scored readings (to the history bolt, the default stream) and alert transitions
 * (to the alert store, {@link #ALERT_TRANSITIONS_STREAM}). Anything else goes to the default
 * stream too, where the history bolt dead-letters what it cannot read.
 */
public final class HistoryRecordTranslator implements RecordTranslator<String, byte[]> {

    private static final long serialVersionUID = 1L;

    /** First byte of a scored reading (its codec's version). */
    public static final byte SCORED_READING = 1;
    /** First byte of an alert transition. */
    public static final byte ALERT_TRANSITION = 2;
    public static final String ALERT_TRANSITIONS_STREAM = "alert-transitions";

    @Override
    public List<Object> apply(ConsumerRecord<String, byte[]> record) {
        KafkaTuple tuple = new KafkaTuple(record.topic(), record.partition(), record.offset(), record.key(),
                record.value());
        byte[] value = record.value();
        return tuple.routedTo(value != null && value.length > 0 && value[0] == ALERT_TRANSITION
                ? ALERT_TRANSITIONS_STREAM : Utils.DEFAULT_STREAM_ID);
    }

    @Override
    public Fields getFieldsFor(String stream) {
        return VitalsRecordTranslator.FIELDS;
    }

    @Override
    public List<String> streams() {
        return List.of(Utils.DEFAULT_STREAM_ID, ALERT_TRANSITIONS_STREAM);
    }
}
