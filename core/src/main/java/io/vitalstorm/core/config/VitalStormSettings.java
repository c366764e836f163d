package io.vitalstorm.core.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where VitalStorm's servers and topics are, read from the Storm configuration map
 * (keys prefixed {@code vitalstorm.}, see docs/configuration.md). Secrets are never
 * values here: a key ending in {@code .file} names a file that holds them.
 */
public record VitalStormSettings(
        String kafkaBootstrapServers,
        String vitalsTopic,
        String deadLetterTopic,
        String clinicianAlertsTopic,
        String patientAlertsTopic,
        String acknowledgementsTopic,
        String consumerGroup,
        String zookeeperConnect,
        String zookeeperRoot,
        String redisHost,
        int redisPort,
        String redisPasswordFile,
        String cassandraContactPoints,
        String cassandraLocalDatacenter,
        String cassandraKeyspace,
        String cassandraReplication,
        int retentionDays,
        String summariesTopic,
        String historyTopic,
        String adtTopic,
        KafkaSecurity kafkaSecurity,
        String redisUsername,
        ZooKeeperSecurity zookeeperSecurity,
        CassandraSecurity cassandraSecurity,
        AckAuthentication ackAuthentication) implements Serializable {

    public static final String PREFIX = "vitalstorm.";

    /** Defaults of each key: a single-host installation with standard ports. */
    public static final Map<String, Object> DEFAULTS;

    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("vitalstorm.kafka.bootstrap.servers", "127.0.0.1:9092");
        d.put("vitalstorm.kafka.topic.vitals", "vitalstorm.vitals");
        d.put("vitalstorm.kafka.topic.deadletter", "vitalstorm.deadletter");
        d.put("vitalstorm.kafka.topic.alerts.clinician", "vitalstorm.alerts.clinician");
        d.put("vitalstorm.kafka.topic.alerts.patient", "vitalstorm.alerts.patient");
        d.put("vitalstorm.kafka.topic.alerts.ack", "vitalstorm.alerts.ack");
        d.put("vitalstorm.kafka.consumer.group", "vitalstorm");
        d.put("vitalstorm.zookeeper.connect", "127.0.0.1:2181");
        d.put("vitalstorm.zookeeper.root", "/vitalstorm");
        d.put("vitalstorm.redis.host", "127.0.0.1");
        d.put("vitalstorm.redis.port", 6379);
        d.put("vitalstorm.redis.password.file", "");
        d.put("vitalstorm.cassandra.contact.points", "127.0.0.1:9042");
        d.put("vitalstorm.cassandra.local.datacenter", "datacenter1");
        d.put("vitalstorm.cassandra.keyspace", "vitalstorm");
        d.put("vitalstorm.cassandra.replication", "{'class': 'SimpleStrategy', 'replication_factor': 1}");
        d.put("vitalstorm.retention.days", 1095);
        d.put("vitalstorm.kafka.topic.summaries", "vitalstorm.summaries");
        // scored readings on their way to the Cassandra history, so a history outage never holds back alerting
        d.put("vitalstorm.kafka.topic.history", "vitalstorm.history");
        d.put("vitalstorm.kafka.topic.adt", "vitalstorm.adt");
        // Redis ACL user of the topology (docs/security.md); empty: the default user
        d.put("vitalstorm.redis.username", "");
        DEFAULTS = Map.copyOf(d);
    }

    public static VitalStormSettings fromMap(Map<String, ?> conf) {
        return new VitalStormSettings(
                str(conf, "vitalstorm.kafka.bootstrap.servers"),
                str(conf, "vitalstorm.kafka.topic.vitals"),
                str(conf, "vitalstorm.kafka.topic.deadletter"),
                str(conf, "vitalstorm.kafka.topic.alerts.clinician"),
                str(conf, "vitalstorm.kafka.topic.alerts.patient"),
                str(conf, "vitalstorm.kafka.topic.alerts.ack"),
                str(conf, "vitalstorm.kafka.consumer.group"),
                str(conf, "vitalstorm.zookeeper.connect"),
                str(conf, "vitalstorm.zookeeper.root"),
                str(conf, "vitalstorm.redis.host"),
                num(conf, "vitalstorm.redis.port"),
                str(conf, "vitalstorm.redis.password.file"),
                str(conf, "vitalstorm.cassandra.contact.points"),
                str(conf, "vitalstorm.cassandra.local.datacenter"),
                str(conf, "vitalstorm.cassandra.keyspace"),
                str(conf, "vitalstorm.cassandra.replication"),
                num(conf, "vitalstorm.retention.days"),
                str(conf, "vitalstorm.kafka.topic.summaries"),
                str(conf, "vitalstorm.kafka.topic.history"),
                str(conf, "vitalstorm.kafka.topic.adt"),
                KafkaSecurity.fromMap(conf),
                str(conf, "vitalstorm.redis.username"),
                ZooKeeperSecurity.fromMap(conf),
                CassandraSecurity.fromMap(conf),
                AckAuthentication.fromMap(conf));
    }

    /** The keys and values, for putting into a Storm topology configuration. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vitalstorm.kafka.bootstrap.servers", kafkaBootstrapServers);
        m.put("vitalstorm.kafka.topic.vitals", vitalsTopic);
        m.put("vitalstorm.kafka.topic.deadletter", deadLetterTopic);
        m.put("vitalstorm.kafka.topic.alerts.clinician", clinicianAlertsTopic);
        m.put("vitalstorm.kafka.topic.alerts.patient", patientAlertsTopic);
        m.put("vitalstorm.kafka.topic.alerts.ack", acknowledgementsTopic);
        m.put("vitalstorm.kafka.consumer.group", consumerGroup);
        m.put("vitalstorm.zookeeper.connect", zookeeperConnect);
        m.put("vitalstorm.zookeeper.root", zookeeperRoot);
        m.put("vitalstorm.redis.host", redisHost);
        m.put("vitalstorm.redis.port", redisPort);
        m.put("vitalstorm.redis.password.file", redisPasswordFile);
        m.put("vitalstorm.cassandra.contact.points", cassandraContactPoints);
        m.put("vitalstorm.cassandra.local.datacenter", cassandraLocalDatacenter);
        m.put("vitalstorm.cassandra.keyspace", cassandraKeyspace);
        m.put("vitalstorm.cassandra.replication", cassandraReplication);
        m.put("vitalstorm.retention.days", retentionDays);
        m.put("vitalstorm.kafka.topic.summaries", summariesTopic);
        m.put("vitalstorm.kafka.topic.history", historyTopic);
        m.put("vitalstorm.kafka.topic.adt", adtTopic);
        m.putAll(kafkaSecurity.toMap());
        m.put("vitalstorm.redis.username", redisUsername);
        m.putAll(zookeeperSecurity.toMap());
        m.putAll(cassandraSecurity.toMap());
        m.putAll(ackAuthentication.toMap());
        return m;
    }

    public List<String> allTopics() {
        return List.of(vitalsTopic, deadLetterTopic, clinicianAlertsTopic, patientAlertsTopic, acknowledgementsTopic,
                summariesTopic, historyTopic, adtTopic);
    }

    /** The Redis password, read from the referenced file at connect time; null when none is configured. */
    public String redisPassword() {
        if (redisPasswordFile == null || redisPasswordFile.isBlank()) {
            return null;
        }
        return SecretFiles.read("vitalstorm.redis.password.file", Path.of(redisPasswordFile));
    }

    /**
     * Each input topic and the consumer group that reads it (the vitals group is
     * {@code consumerGroup}; the others add a suffix), in one place for the spouts and the health check.
     */
    public Map<String, String> inputGroups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(vitalsTopic, consumerGroup);
        groups.put(acknowledgementsTopic, consumerGroup + "-acks");
        groups.put(historyTopic, consumerGroup + "-history");
        groups.put(adtTopic, consumerGroup + "-adt");
        return groups;
    }

    /** Properties every Kafka client adds to its own: authentication and TLS, file references only. */
    public Map<String, String> kafkaClientProperties() {
        return kafkaSecurity.clientProperties();
    }

    private static String str(Map<String, ?> conf, String key) {
        Object v = conf.containsKey(key) ? conf.get(key) : DEFAULTS.get(key);
        return v == null ? null : v.toString();
    }

    private static int num(Map<String, ?> conf, String key) {
        Object v = conf.containsKey(key) ? conf.get(key) : DEFAULTS.get(key);
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
        }
    }
}
