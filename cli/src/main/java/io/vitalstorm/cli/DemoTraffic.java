package io.vitalstorm.cli;

import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** The demo's Kafka side: a 1 Hz producer per patient, an alert consumer, and offset-based progress. */
final class DemoTraffic implements AutoCloseable {

    private final VitalStormSettings settings;
    private final WardSimulator ward;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> alerts;
    private final Admin admin;
    private final Thread producing;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong junk = new AtomicLong();
    private volatile boolean running = true;

    DemoTraffic(VitalStormSettings s, WardSimulator ward) {
        this.settings = s;
        this.ward = ward;
        Properties p = new Properties();
        p.putAll(s.kafkaClientProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p);
        Properties c = new Properties();
        c.putAll(s.kafkaClientProperties());
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, s.consumerGroup() + "-demo-view");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.alerts = new KafkaConsumer<>(c);
        this.alerts.subscribe(List.of(s.clinicianAlertsTopic()));
        Properties a = new Properties();
        a.putAll(s.kafkaClientProperties());
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
        this.admin = Admin.create(a);
        this.producing = new Thread(this::produce, "demo-producer");
        this.producing.setDaemon(true);
    }

    void start() {
        producing.start();
    }

    private void produce() {
        long start = System.currentTimeMillis();
        int second = 0;
        while (running) {
            long now = System.currentTimeMillis();
            for (WardSimulator.SimPatient p : ward.patients()) {
                send(p.profile().patientId(), ward.reading(p, now, now - start, second));
            }
            if (second % 3 == 0) {
                send("P0001", ward.junk(second / 3));
                junk.incrementAndGet();
            }
            second++;
            long next = start + second * 1000L;
            try {
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send(String key, byte[] value) {
        producer.send(new ProducerRecord<>(settings.vitalsTopic(), key, value));
        produced.incrementAndGet();
    }

    void stopProducing() throws InterruptedException {
        running = false;
        producing.join(5_000);
        producer.flush();
    }

    long produced() {
        return produced.get();
    }

    long junk() {
        return junk.get();
    }

    List<ConsumerRecord<String, byte[]>> pollAlerts() {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        alerts.poll(Duration.ofMillis(100)).forEach(out::add);
        return out;
    }

    /** Records the topology has finished with (its committed offsets on the vitals topic). */
    long processed() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(settings.consumerGroup())
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        return committed.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** Records in a topic (end offsets summed). */
    long count(String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic)
                .partitions().stream().map(i -> new TopicPartition(topic, i.partition()))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        ListOffsetsResult r = admin.listOffsets(partitions);
        return r.all().get(5, TimeUnit.SECONDS).values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    @Override
    public void close() {
        running = false;
        producer.close(Duration.ofSeconds(5));
        alerts.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
