package io.vitalstorm.maintenance;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Sends care-team summaries to the summaries topic, keyed by care team, and waits for each ack. */
public final class SummaryPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;

    /** {@code security}: the client properties of {@code KafkaSecurity} (empty for plaintext). */
    public SummaryPublisher(String bootstrapServers, String topic, Map<String, String> security) {
        Properties p = new Properties();
        p.putAll(security);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a missing topic or a dead broker fails the run (retried next tick) instead of blocking the leader a minute
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
    }

    public void publish(String careTeam, String json) throws Exception {
        producer.send(new ProducerRecord<>(topic, careTeam, json)).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
