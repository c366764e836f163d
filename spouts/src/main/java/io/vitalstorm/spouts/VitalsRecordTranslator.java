package io.vitalstorm.spouts;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.storm.kafka.spout.RecordTranslator;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Values;

import java.util.List;

/**
 * Emits the raw record with its coordinates, so that the parse bolt can send a bad record to
 * the dead-letter topic together with where it came from. The value stays bytes: a record that
 * is not even text must still reach the dead-letter topic unchanged.
 */
public final class VitalsRecordTranslator implements RecordTranslator<String, byte[]> {

    private static final long serialVersionUID = 1L;

    public static final String TOPIC = "topic";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String KEY = "key";
    public static final String VALUE = "value";
    public static final Fields FIELDS = new Fields(TOPIC, PARTITION, OFFSET, KEY, VALUE);

    @Override
    public List<Object> apply(ConsumerRecord<String, byte[]> record) {
        return new Values(record.topic(), record.partition(), record.offset(), record.key(), record.value());
    }

    @Override
    public Fields getFieldsFor(String stream) {
        return FIELDS;
    }
}
