package io.vitalstorm.bench.flink;

import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.storage.cassandra.AlertStore;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import io.vitalstorm.storage.kafka.OutboundProducer;
import io.vitalstorm.storage.redis.LatestStateWriter;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * The pipeline's work as a Flink job in a MiniCluster (local environment): the vitals topic from
 * its earliest offset up to the end offsets at start (what was pre-loaded), keyed by patient into
 * {@link ScoreFunction}, then the pipeline's sinks through the storage module's writers — latest
 * state to Redis in pipelines of {@value #LATEST_STATE_BATCH} (the topology's former latest-state
 * bolt), history to Cassandra in batches of {@value #HISTORY_BATCH} (HistoryBolt), alert transitions to the
 * Cassandra alert store — and alerts and dead letters to Kafka with the topology's producer
 * settings (at-least-once). Checkpointing is on (hashmap state backend), the sinks flush at each
 * checkpoint and at the end of the input; object reuse is on, so only the source → scoring hop serializes.
 */
public final class FlinkJob {

    static final int LATEST_STATE_BATCH = 256;
    static final int HISTORY_BATCH = 2_000;
    static final int ALERT_BATCH = 256;

    /** How the job runs: operator parallelism and checkpoint interval. */
    public record Options(int parallelism, Duration checkpointInterval) {
        public static final Options DEFAULTS = new Options(Runtime.getRuntime().availableProcessors(),
                Duration.ofSeconds(10));
    }

    /** What a run did; {@code firstRecordMillis}/{@code firstRecordCpuNanos}: when the first record was scored. */
    public record Result(long records, long observations, long alerts, long deadLetters, long firstRecordMillis,
                         long firstRecordCpuNanos, long finishedMillis) {
        public double seconds() {
            return (finishedMillis - firstRecordMillis) / 1e3;
        }

        public double recordsPerSecond() {
            return records / seconds();
        }
    }

    private FlinkJob() {
    }

    /** Runs the job to the end of what the vitals topic holds now, as consumer group {@code group}. */
    public static Result run(VitalStormSettings s, String group, Options options) throws Exception {
        HashMap<String, String> conf = new HashMap<>(s.toText());
        try {
            JobExecutionResult r = environment(options, conf, s, group).execute("vitalstorm-flink-peer");
            long finished = System.currentTimeMillis();
            return new Result(counter(r, ScoreFunction.RECORDS), counter(r, ScoreFunction.OBSERVATIONS),
                    counter(r, ScoreFunction.ALERT_COUNT), counter(r, ScoreFunction.DEAD_LETTERS),
                    counter(r, ScoreFunction.FIRST_RECORD_MILLIS), counter(r, ScoreFunction.FIRST_RECORD_CPU_NANOS),
                    finished);
        } finally {
            FlinkClients.closeAll();
        }
    }

    private static long counter(JobExecutionResult r, String name) {
        Object v = r.getAccumulatorResult(name);
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static StreamExecutionEnvironment environment(Options options, HashMap<String, String> conf,
            VitalStormSettings s, String group) {
        Configuration c = new Configuration();
        c.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.checkpointInterval());
        c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "jobmanager");
        // the job ends once every sink has flushed at the end of the input, not at the next checkpoint after it (a wait
        // of up to one interval that would count against Flink's records/s); the sinks are at-least-once, so a final
        // checkpoint adds nothing to what is durable
        c.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, false);
        c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        c.set(RestOptions.ADDRESS, "127.0.0.1");
        c.set(RestOptions.BIND_PORT, "0");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(), c);
        env.getConfig().enableObjectReuse();

        KafkaSource<VitalsRecord> source = KafkaSource.<VitalsRecord>builder()
                .setBootstrapServers(s.kafkaBootstrapServers())
                .setTopics(s.vitalsTopic())
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new VitalsDeserializer())
                .setProperties(consumerProperties(s))
                .build();
        SingleOutputStreamOperator<ScoredObservation> scored = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "vitals")
                .keyBy(VitalsRecord::patientKey, Types.STRING)
                .process(new ScoreFunction(conf)).name("score");
        scored.sinkTo(new BatchSink<ScoredObservation>(conf, LATEST_STATE_BATCH, FlinkJob::latestState))
                .name("latest-state");
        scored.sinkTo(new BatchSink<ScoredObservation>(conf, HISTORY_BATCH, FlinkJob::history)).name("history");
        scored.getSideOutput(ScoreFunction.ALERTS)
                .sinkTo(new BatchSink<AlertEvent>(conf, ALERT_BATCH, FlinkJob::alertStore)).name("alert-store");
        scored.getSideOutput(ScoreFunction.OUTBOUND).sinkTo(KafkaSink.<OutboundMessage>builder()
                .setBootstrapServers(s.kafkaBootstrapServers())
                .setKafkaProducerConfig(producerProperties(s))
                .setRecordSerializer(new OutboundSerializer())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build()).name("kafka-out");
        return env;
    }

    /** The spout's consumer settings that matter here (poll size, fetch), plus authentication and TLS. */
    private static Properties consumerProperties(VitalStormSettings s) {
        Properties p = new Properties();
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        p.putAll(s.kafkaClientProperties());
        return p;
    }

    /** The topology's outbound producer settings; the sink brings its own byte-array serializers. */
    private static Properties producerProperties(VitalStormSettings s) {
        Properties p = OutboundProducer.properties(s);
        p.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        p.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return p;
    }

    private static BatchSink.BatchWriter<ScoredObservation> latestState(FlinkClients c) {
        LatestStateWriter writer = new LatestStateWriter(c.redis());
        return batch -> {
            writer.write(batch);
            return CompletableFuture.completedFuture(null);
        };
    }

    private static BatchSink.BatchWriter<ScoredObservation> history(FlinkClients c) {
        HistoryWriter writer = new HistoryWriter(c.cassandra(), c.settings().cassandraKeyspace(),
                c.settings().retentionDays());
        return writer::write;
    }

    private static BatchSink.BatchWriter<AlertEvent> alertStore(FlinkClients c) {
        AlertStore store = new AlertStore(c.cassandra(), c.settings().cassandraKeyspace(),
                c.settings().retentionDays());
        return store::saveAll;
    }
}
