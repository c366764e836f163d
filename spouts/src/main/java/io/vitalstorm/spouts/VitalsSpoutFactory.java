package io.vitalstorm.spouts;

import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.storm.kafka.spout.FirstPollOffsetStrategy;
import org.apache.storm.kafka.spout.KafkaSpout;
import org.apache.storm.kafka.spout.KafkaSpoutConfig;
import org.apache.storm.kafka.spout.KafkaSpoutRetryExponentialBackoff;
import org.apache.storm.kafka.spout.KafkaSpoutRetryExponentialBackoff.TimeInterval;
import org.apache.storm.kafka.spout.RecordTranslator;

import java.util.HashMap;
import java.util.concurrent.TimeUnit;

/**
 * The vitals spout: at-least-once, offsets committed only once every tuple of a record is
 * acked, failed tuples retried with exponential backoff without limit (a reading is never given
 * up on; persistent failures show as a stalled partition, which is alerted on, rather than as
 * silent loss). Kafka errors the stock spout would die of pause it instead ({@link ResilientKafkaSpout}).
 */
public final class VitalsSpoutFactory {

    private VitalsSpoutFactory() {
    }

    public static KafkaSpoutConfig<String, byte[]> config(VitalStormSettings s) {
        return config(s, s.vitalsTopic());
    }

    /**
     * The acknowledgements spout: the same guarantees on the acknowledgements topic, with a
     * consumer group of its own so its offsets are tracked apart from the vitals.
     */
    public static KafkaSpout<String, byte[]> createForAcknowledgements(VitalStormSettings s) {
        return new ResilientKafkaSpout<>(config(s, s.acknowledgementsTopic()));
    }

    /**
     * The history spout: scored readings on their way to Cassandra, with a consumer group of its
     * own, so a history outage holds back only the history (the readings wait in Kafka). It also
     * carries the alert transitions to the alert store ({@link HistoryRecordTranslator}).
     */
    public static KafkaSpout<String, byte[]> createForHistory(VitalStormSettings s) {
        return new ResilientKafkaSpout<>(config(s, s.historyTopic(), new HistoryRecordTranslator()));
    }

    /** The ADT spout: admissions, transfers, discharges; the same guarantees, a consumer group of its own. */
    public static KafkaSpout<String, byte[]> createForAdt(VitalStormSettings s) {
        return new ResilientKafkaSpout<>(config(s, s.adtTopic()));
    }

    /** A spout of one input topic, with that topic's consumer group ({@link VitalStormSettings#inputGroups}). */
    private static KafkaSpoutConfig<String, byte[]> config(VitalStormSettings s, String topic) {
        return config(s, topic, new VitalsRecordTranslator());
    }

    private static KafkaSpoutConfig<String, byte[]> config(VitalStormSettings s, String topic,
                                                           RecordTranslator<String, byte[]> translator) {
        String group = s.inputGroups().get(topic);
        return new KafkaSpoutConfig.Builder<String, byte[]>(s.kafkaBootstrapServers(), topic)
                .setProp(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
                .setProp(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)
                .setProp(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000)
                .setProp(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1)
                // authentication and TLS: file references only, resolved on the worker
                .setProp(new HashMap<>(s.kafkaClientProperties()))
                .setGroupId(group)
                .setProcessingGuarantee(KafkaSpoutConfig.ProcessingGuarantee.AT_LEAST_ONCE)
                // a new deployment starts from the oldest unread reading, never skipping any
                .setFirstPollOffsetStrategy(FirstPollOffsetStrategy.UNCOMMITTED_EARLIEST)
                .setOffsetCommitPeriodMs(1_000)
                .setMaxUncommittedOffsets(50_000)
                .setRetry(new KafkaSpoutRetryExponentialBackoff(
                        TimeInterval.milliSeconds(100), TimeInterval.milliSeconds(200),
                        Integer.MAX_VALUE, new TimeInterval(30L, TimeUnit.SECONDS)))
                .setRecordTranslator(translator)
                .build();
    }

    public static KafkaSpout<String, byte[]> create(VitalStormSettings s) {
        return new ResilientKafkaSpout<>(config(s));
    }
}
