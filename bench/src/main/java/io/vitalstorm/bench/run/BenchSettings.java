package io.vitalstorm.bench.run;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.spouts.VitalsSpoutFactory;
import io.vitalstorm.topology.Parallelism;
import io.vitalstorm.topology.VitalStormTopology;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.storm.kafka.spout.KafkaSpoutConfig;
import org.apache.storm.utils.Utils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Storm and Kafka settings a run used, as the report lists them (Storm defaults filled in). */
final class BenchSettings {

    /** The knobs that matter for this workload. */
    private static final List<String> STORM_KNOBS = List.of(
            "topology.workers", "topology.acker.executors", "topology.max.spout.pending",
            "topology.producer.batch.size", "topology.transfer.batch.size", "topology.batch.flush.interval.millis",
            "topology.executor.receive.buffer.size", "topology.transfer.buffer.size",
            "topology.spout.wait.strategy", "topology.bolt.wait.strategy", "topology.bolt.wait.park.microsec",
            "topology.disable.loadaware.messaging", "topology.message.timeout.secs", "topology.stats.sample.rate",
            "topology.backpressure.wait.strategy");

    private BenchSettings() {
    }

    static Map<String, Object> storm(Map<String, Object> topologyConf) {
        Map<String, Object> effective = new LinkedHashMap<>(Utils.readDefaultConfig());
        effective.putAll(VitalStormTopology.config(topologyConf));
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : STORM_KNOBS) {
            out.put(key, effective.get(key));
        }
        if (out.get("topology.acker.executors") == null) {
            out.put("topology.acker.executors", "null (one per worker)");
        }
        out.put("executors (vitalstorm.parallelism.*)", Parallelism.fromConf(effective));
        return out;
    }

    static Map<String, Object> kafkaConsumer(VitalStormSettings s) {
        KafkaSpoutConfig<String, byte[]> spout = VitalsSpoutFactory.config(s);
        Map<String, Object> out = new TreeMap<>();
        spout.getKafkaProps().forEach((k, v) -> {
            if (!k.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) && !k.endsWith("deserializer")
                    && !k.equals(ConsumerConfig.GROUP_ID_CONFIG)) {
                out.put(k, v);
            }
        });
        out.put("spout offset commit period ms", spout.getOffsetsCommitPeriodMs());
        out.put("spout max uncommitted offsets", spout.getMaxUncommittedOffsets());
        return out;
    }
}
