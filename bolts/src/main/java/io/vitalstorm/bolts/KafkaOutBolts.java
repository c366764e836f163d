package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.storm.kafka.bolt.KafkaBolt;
import org.apache.storm.kafka.bolt.mapper.FieldNameBasedTupleToKafkaMapper;
import org.apache.storm.kafka.bolt.selector.FieldNameTopicSelector;

import java.util.Properties;

/**
 * The one way out to Kafka (dead letters and both alert topics): storm-kafka-client's KafkaBolt,
 * taking the topic from the tuple. It acks a tuple only when the broker has the record
 * (acks=all, idempotent producer), so an outbound message is never lost.
 */
public final class KafkaOutBolts {

    private KafkaOutBolts() {
    }

    public static KafkaBolt<String, byte[]> create(VitalStormSettings s) {
        return new KafkaBolt<String, byte[]>()
                .withProducerProperties(producerProperties(s))
                // the tuple always names its topic; the default only guards against a wiring mistake
                .withTopicSelector(new FieldNameTopicSelector(TupleFields.TOPIC, s.deadLetterTopic()))
                .withTupleToKafkaMapper(new FieldNameBasedTupleToKafkaMapper<>(TupleFields.KEY, TupleFields.MESSAGE));
    }

    /** The outbound producer's settings; public so the benchmark's no-Storm loop publishes the same way. */
    public static Properties producerProperties(VitalStormSettings s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // authentication and TLS: file references only, so the serialized bolt holds no secret
        p.putAll(s.kafkaClientProperties());
        return p;
    }
}
