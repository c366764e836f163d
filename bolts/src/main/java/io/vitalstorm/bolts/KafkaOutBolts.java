package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.storage.kafka.OutboundProducer;
import org.apache.storm.kafka.bolt.KafkaBolt;
import org.apache.storm.kafka.bolt.mapper.FieldNameBasedTupleToKafkaMapper;
import org.apache.storm.kafka.bolt.selector.FieldNameTopicSelector;

/**
 * The one way out to Kafka (dead letters and both alert topics): storm-kafka-client's KafkaBolt,
 * taking the topic from the tuple. It acks a tuple only when the broker has the record
 * (acks=all, idempotent producer), so an outbound message is never lost.
 */
public final class KafkaOutBolts {

    private KafkaOutBolts() {
    }

    public static KafkaBolt<String, byte[]> create(VitalStormSettings s) {
        return configure(new KafkaBolt<>(), s);
    }

    /** Sets up a KafkaBolt as {@link #create} does; unit tests pass one whose producer is a mock. */
    static KafkaBolt<String, byte[]> configure(KafkaBolt<String, byte[]> bolt, VitalStormSettings s) {
        return bolt
                .withProducerProperties(OutboundProducer.properties(s))
                // the tuple always names its topic; the default only guards against a wiring mistake
                .withTopicSelector(new FieldNameTopicSelector(TupleFields.TOPIC, s.deadLetterTopic()))
                .withTupleToKafkaMapper(new FieldNameBasedTupleToKafkaMapper<>(TupleFields.KEY, TupleFields.MESSAGE));
    }
}
