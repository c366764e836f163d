package io.vitalstorm.bench.limit;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.bolts.serde.AlertTransitionCodec;
import io.vitalstorm.bolts.serde.ScoredReadingCodec;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertMessages;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.parse.DeadLetter;
import io.vitalstorm.core.parse.ParseResult;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.spouts.HistoryRecordTranslator;
import io.vitalstorm.spouts.VitalsSpoutFactory;
import io.vitalstorm.storage.AlertStep;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.ScoreStep;
import io.vitalstorm.storage.cassandra.AlertStore;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.kafka.OutboundProducer;
import io.vitalstorm.storage.redis.LatestStateWriter;
import io.vitalstorm.storage.redis.ProfileCache;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The limit: one thread, no Storm, the same work per record as the topology through the same classes — parse
 * (keyed to the record's patient), enrich through the task's profile cache with its registry-change check and
 * score with the risk engine ({@link ScoreStep}, as the {@code score} bolt), the alert lifecycle ({@link AlertStep},
 * as the {@code alert} bolt), a first-seen patient rebuilt from the Cassandra history and alert transitions when
 * Redis has no state for it, the risk state checkpointed to Redis and then the latest state to Redis
 * ({@link ScoreStep#writeBatch}, as the {@code score} bolt writes its batch), alerts and dead
 * letters to Kafka with the topology's producer settings, and history and alert transitions the topology's way:
 * encoded with the bolts' codecs onto a history topic ({@link #historyTopic}), read back by a consumer group of
 * their own (the history spout's settings) and written to Cassandra by the storage module's writers
 * ({@link HistoryWriter} in batches of up to {@value #HISTORY_BATCH} as HistoryBolt, {@link AlertStore} as
 * AlertStoreBolt). The same batching: a Kafka
 * poll (the spout's consumer settings) is one batch, its latest state one Redis pipeline after its checkpoint,
 * and vitals offsets are committed only once every write of the poll is durable, its history
 * in Kafka (at-least-once); history offsets once its Cassandra writes are. Between two vitals polls the loop
 * writes what the history topic has; {@link #run} ends, as the topology's measurement does, when every vitals
 * record is committed, {@link #awaitHistory} then writes the rest. A history statement that times out is retried
 * by the writer (bounded, counted in the result).
 */
public final class LimitLoop implements AutoCloseable {

    static final int HISTORY_BATCH = 2_000;
    public static final int HISTORY_PARTITIONS = 4;
    private static final long WRITE_TIMEOUT_SECONDS = 20;

    /**
     * What a run did; {@code rebuiltPatients}: patients first seen without a risk checkpoint and rebuilt from the
     * Cassandra history, {@code historyRetries}: history statements sent again after a timeout.
     */
    public record Result(long records, long observations, long deadLetters, long alerts, long elapsedNanos,
                         long rebuiltPatients, long historyRetries) {
        public double recordsPerSecond() {
            return records * 1e9 / elapsedNanos;
        }
    }

    private final VitalStormSettings settings;
    /** The loop's own history topic: the topology's history spout, run later on the same topics, must not see it. */
    private final String historyTopic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaConsumer<String, byte[]> historyConsumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ScoreStep score;
    private final AlertStep alertStep;
    private final LatestStateWriter latestState;
    private final HistoryWriter history;
    private final AlertStore alertStore;

    public LimitLoop(VitalStormSettings s, String consumerGroup, CqlSession cassandra, JedisPooled redis,
                     LiveThresholds thresholds) {
        this.settings = s;
        this.historyTopic = historyTopic(s);
        Map<String, Object> consumerProps = new HashMap<>(VitalsSpoutFactory.config(s).getKafkaProps());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(consumerProps);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup + "-history");
        this.historyConsumer = new KafkaConsumer<>(consumerProps);
        this.producer = new KafkaProducer<>(OutboundProducer.properties(s), new StringSerializer(),
                new ByteArraySerializer());
        this.score = ScoreStep.rebuildingFrom(new PatientDirectory(new ProfileCache(redis),
                new PatientRegistry(cassandra, s.cassandraKeyspace())), thresholds::forPatient, redis, () -> cassandra,
                s.cassandraKeyspace());
        this.alertStep = AlertStep.rebuildingFrom(thresholds::forPatient, redis, () -> cassandra,
                s.cassandraKeyspace());
        this.latestState = new LatestStateWriter(redis);
        this.history = new HistoryWriter(cassandra, s.cassandraKeyspace(), s.retentionDays());
        this.alertStore = new AlertStore(cassandra, s.cassandraKeyspace(), s.retentionDays());
    }

    /** The history topic of the loop (create it as the topology's, {@value #HISTORY_PARTITIONS} partitions). */
    public static String historyTopic(VitalStormSettings s) {
        return s.historyTopic() + "-limit";
    }

    /** Consumes the vitals topic until {@code expectedRecords} records are processed and committed. */
    public Result run(long expectedRecords, Duration timeout) throws Exception {
        consumer.subscribe(List.of(settings.vitalsTopic()));
        historyConsumer.subscribe(List.of(historyTopic));
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = 0;
        long records = 0;
        Result totals = new Result(0, 0, 0, 0, 0, 0, 0);
        while (records < expectedRecords) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("limit loop: only " + records + " of " + expectedRecords
                        + " records in " + timeout);
            }
            ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(100));
            if (polled.isEmpty()) {
                writeHistory(Duration.ZERO);
                continue;
            }
            if (start == 0) {
                start = System.nanoTime();
            }
            Result batch = process(polled);
            consumer.commitSync();
            records += polled.count();
            totals = new Result(records, totals.observations() + batch.observations(),
                    totals.deadLetters() + batch.deadLetters(), totals.alerts() + batch.alerts(), 0, 0, 0);
            writeHistory(Duration.ZERO);
        }
        return new Result(records, totals.observations(), totals.deadLetters(), totals.alerts(),
                System.nanoTime() - start, score.assessor().rebuilt(), history.timeoutsRetried());
    }

    /** One poll: every step for every record, then the batched writes, returning when all are durable. */
    private Result process(ConsumerRecords<String, byte[]> polled) throws Exception {
        List<ScoredObservation> scored = new ArrayList<>(polled.count());
        List<AlertEvent> alerts = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        long deadLetters = 0;
        for (ConsumerRecord<String, byte[]> r : polled) {
            ParseResult parsed = score.parse(r.key(), r.value());
            for (Assessment a : score.assessAll(parsed.observations())) {
                scored.add(a.scored());
                for (AlertEvent e : alertStep.onAssessment(a, System.currentTimeMillis())) {
                    alerts.add(e);
                    sends.add(send(settings.clinicianAlertsTopic(), e.patientId(),
                            Json.bytes(AlertMessages.clinician(e))));
                    AlertMessages.patient(e).ifPresent(message ->
                            sends.add(send(settings.patientAlertsTopic(), e.patientId(), Json.bytes(message))));
                }
            }
            if (!parsed.rejections().isEmpty()) {
                DeadLetter letter = new DeadLetter(ParseResult.combine(parsed.rejections()), r.topic(), r.partition(),
                        r.offset(), r.key(), r.value(), System.currentTimeMillis());
                sends.add(send(settings.deadLetterTopic(), r.key(), letter.toJson()));
                deadLetters++;
            }
        }
        // to the history topic as the score and alert bolts send them (through kafka-out), not to Cassandra directly
        for (ScoredObservation o : scored) {
            sends.add(send(historyTopic, o.observation().patientId(), ScoredReadingCodec.encode(o)));
        }
        for (AlertEvent e : alerts) {
            sends.add(send(historyTopic, e.patientId(), AlertTransitionCodec.encode(e)));
        }
        // the checkpoint, then the poll's latest state in one pipeline, as the score bolt writes its batch
        score.writeBatch(latestState, scored);
        await(sends);
        return new Result(polled.count(), scored.size(), deadLetters, alerts.size(), 0, 0, 0);
    }

    /**
     * What the history topic holds now (after one poll of up to {@code wait}) to Cassandra as the history spout's
     * bolts write it — scored readings through the HistoryWriter in batches of up to {@value #HISTORY_BATCH},
     * alert transitions through the AlertStore — and its offsets committed once durable; false if nothing came.
     */
    private boolean writeHistory(Duration wait) throws Exception {
        ConsumerRecords<String, byte[]> polled = historyConsumer.poll(wait);
        if (polled.isEmpty()) {
            return false;
        }
        List<ScoredObservation> readings = new ArrayList<>(polled.count());
        List<AlertEvent> transitions = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : polled) {
            if (r.value().length > 0 && r.value()[0] == HistoryRecordTranslator.ALERT_TRANSITION) {
                transitions.add(AlertTransitionCodec.decode(r.value()));
            } else {
                readings.add(ScoredReadingCodec.decode(r.value()));
            }
        }
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < readings.size(); i += HISTORY_BATCH) {
            writes.add(history.write(readings.subList(i, Math.min(readings.size(), i + HISTORY_BATCH)))
                    .toCompletableFuture());
        }
        if (!transitions.isEmpty()) {
            writes.add(alertStore.saveAll(transitions).toCompletableFuture());
        }
        await(writes);
        historyConsumer.commitSync();
        return true;
    }

    /** After {@link #run}: writes the rest of the history topic to Cassandra, up to its end offsets. */
    public void awaitHistory(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!historyCaughtUp()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("limit loop: history not written within " + timeout);
            }
            writeHistory(Duration.ofMillis(200));
        }
    }

    /** Every partition of the history topic assigned and read to its end (all of it written and committed). */
    private boolean historyCaughtUp() {
        Set<TopicPartition> assigned = historyConsumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> end = historyConsumer.endOffsets(assigned);
        for (TopicPartition tp : assigned) {
            if (historyConsumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private static void await(List<CompletableFuture<?>> writes) throws Exception {
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private CompletableFuture<?> send(String topic, String key, byte[] value) {
        CompletableFuture<Object> acked = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, key, value), (meta, error) -> {
            if (error != null) {
                acked.completeExceptionally(error);
            } else {
                acked.complete(meta);
            }
        });
        return acked;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        historyConsumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
    }
}
