package io.vitalstorm.storage.kafka;

import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;

/**
 * The settings of every producer that sends alerts and dead letters (the topology's kafka-out, the bench's limit
 * loop and its Flink peer): acks=all and idempotent, so an outbound message is never lost.
 */
public final class OutboundProducer {

    private OutboundProducer() {
    }

    public static Properties properties(VitalStormSettings s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // authentication and TLS: file references only, so a serialized bolt or job holds no secret
        p.putAll(s.kafkaClientProperties());
        return p;
    }
}
