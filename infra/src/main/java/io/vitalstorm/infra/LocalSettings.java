package io.vitalstorm.infra;

import io.vitalstorm.core.config.VitalStormSettings;

import java.util.HashMap;
import java.util.Map;

/**
 * VitalStorm settings that point at the local servers, the rest at their defaults: what every
 * local run shares (the demo and the integration tests add throwaway secrets on top, in the cli's
 * LocalVitalStorm; the bench's Flink peer, which has no Storm on its classpath, uses these alone).
 */
public final class LocalSettings {

    private LocalSettings() {
    }

    /** {@code prefix} keeps topics, consumer groups and znodes apart per run. */
    public static Map<String, Object> conf(LocalInfrastructure infra, String prefix, String keyspace) {
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        conf.put("vitalstorm.kafka.bootstrap.servers", infra.kafkaBootstrapServers());
        conf.put("vitalstorm.kafka.topic.vitals", prefix + ".vitals");
        conf.put("vitalstorm.kafka.topic.deadletter", prefix + ".deadletter");
        conf.put("vitalstorm.kafka.topic.alerts.clinician", prefix + ".alerts.clinician");
        conf.put("vitalstorm.kafka.topic.alerts.patient", prefix + ".alerts.patient");
        conf.put("vitalstorm.kafka.topic.alerts.ack", prefix + ".alerts.ack");
        conf.put("vitalstorm.kafka.topic.summaries", prefix + ".summaries");
        conf.put("vitalstorm.kafka.topic.history", prefix + ".history");
        conf.put("vitalstorm.kafka.topic.adt", prefix + ".adt");
        conf.put("vitalstorm.kafka.consumer.group", prefix);
        conf.put("vitalstorm.zookeeper.connect", infra.zookeeperConnect());
        conf.put("vitalstorm.zookeeper.root", "/" + prefix);
        conf.put("vitalstorm.redis.host", infra.redisHost());
        conf.put("vitalstorm.redis.port", infra.redisPort());
        conf.put("vitalstorm.cassandra.contact.points", infra.cassandraHost() + ":" + infra.cassandraPort());
        conf.put("vitalstorm.cassandra.local.datacenter", infra.cassandraLocalDatacenter());
        conf.put("vitalstorm.cassandra.keyspace", keyspace);
        return conf;
    }
}
