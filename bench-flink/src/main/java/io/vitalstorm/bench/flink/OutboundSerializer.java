package io.vitalstorm.bench.flink;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** {@link OutboundMessage} → a record on the topic it names. */
final class OutboundSerializer implements KafkaRecordSerializationSchema<OutboundMessage> {

    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutboundMessage m, KafkaSinkContext context, Long timestamp) {
        byte[] key = m.key() == null ? null : m.key().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(m.topic(), key, m.value());
    }
}
