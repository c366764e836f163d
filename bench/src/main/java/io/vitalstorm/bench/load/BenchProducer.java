package io.vitalstorm.bench.load;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes ward records to the vitals topic, keyed by patient id (as devices do) and stamped
 * with the reading's own time, so a record's Kafka timestamp is where latency starts.
 */
public final class BenchProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();

    public BenchProducer(String bootstrapServers, String topic, int lingerMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
    }

    /** Every record of {@code patients} patients for {@code seconds} seconds of event time from {@code startMs}. */
    public long preload(int patients, int seconds, long startMs) {
        for (int second = 0; second < seconds; second++) {
            for (int patient = 0; patient < patients; patient++) {
                send(patient, second, startMs + second * 1000L + patient % 1000);
            }
        }
        producer.flush();
        return sent.get();
    }

    /** The records one patient sends in one second, timestamped {@code ts}. */
    public void send(int patient, long second, long ts) {
        String key = WardStream.patientId(patient);
        WardStream.records(patient, second, ts, value -> {
            producer.send(new ProducerRecord<>(topic, null, ts, key, value));
            sent.incrementAndGet();
        });
    }

    public long sent() {
        return sent.get();
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
