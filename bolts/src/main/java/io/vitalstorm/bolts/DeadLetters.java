package io.vitalstorm.bolts;

import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.parse.DeadLetter;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

/**
 * Outbound tuples that put a refused record on the dead-letter topic (through the KafkaBolt),
 * each counted by reason. A raw Kafka record keeps its coordinates; a reading refused further
 * down keeps its patient as key and its native JSON form, so it can be re-driven as it is.
 */
final class DeadLetters {

    private final String topic;
    private final String sourceTopic;
    private final BoltMetrics metrics;

    DeadLetters(String topic, String sourceTopic, BoltMetrics metrics) {
        this.topic = topic;
        this.sourceTopic = sourceTopic;
        this.metrics = metrics;
    }

    /** For a tuple straight from a spout (topic, partition, offset, key, value). */
    Values ofRecord(Tuple record, Rejection rejection) {
        String key = record.getStringByField(VitalsRecordTranslator.KEY);
        return letter(new DeadLetter(rejection, record.getStringByField(VitalsRecordTranslator.TOPIC),
                record.getIntegerByField(VitalsRecordTranslator.PARTITION),
                record.getLongByField(VitalsRecordTranslator.OFFSET), key,
                record.getBinaryByField(VitalsRecordTranslator.VALUE), System.currentTimeMillis()));
    }

    /** For a parsed reading, after it left the record it came in. */
    Values ofReading(Observation o, Rejection rejection) {
        return ofPayload(sourceTopic, o.patientId(), Json.bytes(ObservationJson.input(o)), rejection);
    }

    /** For anything else the topology refuses (an acknowledgement, an alert transition), as JSON from {@code from}. */
    Values ofPayload(String from, String key, byte[] json, Rejection rejection) {
        return letter(new DeadLetter(rejection, from, -1, -1, key, json, System.currentTimeMillis()));
    }

    private Values letter(DeadLetter letter) {
        metrics.deadLetter(letter.rejection().code());
        return new Values(topic, letter.key(), letter.toJson());
    }
}
