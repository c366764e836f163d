package io.vitalstorm.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Produce, read back and inspect offsets on the test broker. */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrap;
    private final Map<String, ?> security;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    public KafkaTestClient(String bootstrap) {
        this(bootstrap, Map.of());
    }

    /** {@code security}: extra client properties, e.g. SASL_SSL ones from KafkaSecurity. */
    public KafkaTestClient(String bootstrap, Map<String, ?> security) {
        this(bootstrap, security, Map.of());
    }

    /** {@code producerOverrides}: extra producer properties, e.g. a delivery timeout that outlasts a broker outage. */
    public KafkaTestClient(String bootstrap, Map<String, ?> security, Map<String, ?> producerOverrides) {
        this.bootstrap = bootstrap;
        this.security = Map.copyOf(security);
        Properties p = new Properties();
        p.putAll(security);
        p.putAll(producerOverrides);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
        Properties a = new Properties();
        a.putAll(security);
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(a);
    }

    /** Sends synchronously so the caller knows each record's coordinates. */
    public RecordMetadata send(String topic, String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    }

    /** Sends many records asynchronously (in order per key) and returns once the broker has them all. */
    public void sendAll(String topic, List<Map.Entry<String, byte[]>> keyedValues) throws Exception {
        sendAll(topic, keyedValues, Duration.ofSeconds(30));
    }

    /**
     * As {@link #sendAll(String, List)}, waiting up to {@code wait} for each record (a sender riding out an outage).
     */
    public void sendAll(String topic, List<Map.Entry<String, byte[]>> keyedValues, Duration wait) throws Exception {
        List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>(keyedValues.size());
        for (Map.Entry<String, byte[]> kv : keyedValues) {
            sent.add(producer.send(new ProducerRecord<>(topic, kv.getKey(), kv.getValue())));
        }
        producer.flush();
        for (var f : sent) {
            f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Reads the topic from the beginning until {@code expected} records arrived or the time is up. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.currentTimeMillis() + timeout.toMillis();
            while (out.size() < expected && System.currentTimeMillis() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // a little longer, to catch records beyond the expected count (duplicates)
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    /** A group-less consumer for reading topics from the beginning (only committed records). */
    private KafkaConsumer<String, byte[]> consumer() {
        Properties c = new Properties();
        c.putAll(security);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(c);
    }

    public Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                .partitions().stream().map(i -> new TopicPartition(topic, i.partition()))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    public Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        committed.forEach((tp, om) -> out.put(tp, om == null ? 0L : om.offset()));
        return out;
    }

    /** Everything in {@code topic} right now: read from the beginning up to the current end offsets. */
    public List<ConsumerRecord<String, byte[]>> snapshot(String topic) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(topic);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** True when the group has committed every non-empty partition of {@code topic} up to its end. */
    public boolean committedToEnd(String group, String topic) throws Exception {
        Map<TopicPartition, Long> committed = committedOffsets(group);
        return endOffsets(topic).entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || e.getValue().equals(committed.get(e.getKey())));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
