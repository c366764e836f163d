package io.vitalstorm.bench.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/** Kafka record → {@link VitalsRecord}: the key as text, the value untouched (parsing is the scoring step's). */
final class VitalsDeserializer implements KafkaRecordDeserializationSchema<VitalsRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<VitalsRecord> out) {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        out.collect(new VitalsRecord(key, r.value(), r.topic(), r.partition(), r.offset()));
    }

    @Override
    public TypeInformation<VitalsRecord> getProducedType() {
        return TypeInformation.of(VitalsRecord.class);
    }
}
