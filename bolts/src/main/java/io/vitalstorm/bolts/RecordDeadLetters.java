package io.vitalstorm.bolts;

import io.vitalstorm.core.parse.DeadLetter;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

/** The outbound tuple that puts a refused Kafka record on the dead-letter topic, with where it came from. */
final class RecordDeadLetters {

    private RecordDeadLetters() {
    }

    static Values outbound(String deadLetterTopic, Tuple record, Rejection rejection) {
        String key = record.getStringByField(VitalsRecordTranslator.KEY);
        DeadLetter letter = new DeadLetter(rejection, record.getStringByField(VitalsRecordTranslator.TOPIC),
                record.getIntegerByField(VitalsRecordTranslator.PARTITION),
                record.getLongByField(VitalsRecordTranslator.OFFSET), key,
                record.getBinaryByField(VitalsRecordTranslator.VALUE), System.currentTimeMillis());
        return new Values(deadLetterTopic, key, letter.toJson());
    }
}
