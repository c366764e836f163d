package io.vitalstorm.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.ToLongFunction;

/**
 * Reads a topic from its current end and, for every record about a reading measured inside the
 * window, records reading time → the record's Kafka timestamp (published) and reading time →
 * here (consumed). The bench stamps each vitals record with its reading's own time, so reading
 * time is ingest time. On the clinician topic this is the alert latency; on the vitals topic
 * itself it is Kafka's own share (producer, broker, a consumer), for comparison.
 */
public final class TopicLatencyProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final ToLongFunction<ConsumerRecord<String, byte[]>> readingTime;
    private final Thread thread;
    private final LatencyStats published = new LatencyStats();
    private final LatencyStats consumed = new LatencyStats();
    private final MeasurementWindow window = new MeasurementWindow();
    private volatile boolean running = true;

    private TopicLatencyProbe(String bootstrapServers, String topic,
            ToLongFunction<ConsumerRecord<String, byte[]>> readingTime) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        this.consumer = new KafkaConsumer<>(p);
        this.readingTime = readingTime;
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the window opens
        this.thread = new Thread(this::consume, "bench-latency-probe-" + topic);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Alerts: the reading time is the alert message's {@code ts}, the time of the reading that caused it. */
    public static TopicLatencyProbe alerts(String bootstrapServers, String clinicianTopic) {
        return new TopicLatencyProbe(bootstrapServers, clinicianTopic, r -> alertTime(r.value()));
    }

    /** Raw readings: the record timestamp is the reading time. */
    public static TopicLatencyProbe readings(String bootstrapServers, String vitalsTopic) {
        return new TopicLatencyProbe(bootstrapServers, vitalsTopic, ConsumerRecord::timestamp);
    }

    /** Only readings measured in [from, to] (epoch ms) count. */
    public void window(long from, long to) {
        window.set(from, to);
    }

    public LatencyStats published() {
        return published;
    }

    public LatencyStats consumed() {
        return consumed;
    }

    private void consume() {
        while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                long now = System.currentTimeMillis();
                long ts = readingTime.applyAsLong(r);
                if (window.contains(ts)) {
                    published.record(r.timestamp() - ts);
                    consumed.record(now - ts);
                }
            }
        }
    }

    private static long alertTime(byte[] alert) {
        try {
            JsonNode n = Json.MAPPER.readTree(alert);
            return n.path("ts").asLong(Long.MIN_VALUE);
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        consumer.close(Duration.ofSeconds(5));
    }
}
