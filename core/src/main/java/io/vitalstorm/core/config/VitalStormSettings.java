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
        AckAuthentication ackAuthentication,
        ArchiveSecurity archiveSecurity,
        ClientTls redisTls,
        ClientTls cassandraTls,
        ClientTls zookeeperTls) implements Serializable {

    public static final String PREFIX = "vitalstorm.";

    public static final Setting.Text KAFKA_BOOTSTRAP_SERVERS = new Setting.Text(
            "vitalstorm.kafka.bootstrap.servers", "127.0.0.1:9092",
            "Kafka brokers");
    public static final Setting.Text VITALS_TOPIC = new Setting.Text(
            "vitalstorm.kafka.topic.vitals", "vitalstorm.vitals",
            "readings in (key = patient id)");
    public static final Setting.Text DEAD_LETTER_TOPIC = new Setting.Text(
            "vitalstorm.kafka.topic.deadletter", "vitalstorm.deadletter",
            "refused records with their reason (bounded: see docs/reliability.md)");
    public static final Setting.Text CLINICIAN_ALERTS_TOPIC = new Setting.Text(
            "vitalstorm.kafka.topic.alerts.clinician", "vitalstorm.alerts.clinician",
            "every alert transition, for the care team");
    public static final Setting.Text PATIENT_ALERTS_TOPIC = new Setting.Text(
            "vitalstorm.kafka.topic.alerts.patient", "vitalstorm.alerts.patient",
            "what the patient is told");
    public static final Setting.Text ACKNOWLEDGEMENTS_TOPIC = new Setting.Text(
            "vitalstorm.kafka.topic.alerts.ack", "vitalstorm.alerts.ack",
            "clinicians' acknowledgements in (consumer group `<group>-acks`)");
    public static final Setting.Text CONSUMER_GROUP = new Setting.Text(
            "vitalstorm.kafka.consumer.group", "vitalstorm",
            "the vitals spout's consumer group");
    public static final Setting.Text ZOOKEEPER_CONNECT = new Setting.Text(
            "vitalstorm.zookeeper.connect", "127.0.0.1:2181",
            "ZooKeeper of the application znodes");
    public static final Setting.Text ZOOKEEPER_ROOT = new Setting.Text(
            "vitalstorm.zookeeper.root", "/vitalstorm",
            "their root, apart from Storm's `/storm`");
    public static final Setting.Text REDIS_HOST = new Setting.Text(
            "vitalstorm.redis.host", "127.0.0.1",
            "Redis");
    public static final Setting.Whole REDIS_PORT = new Setting.Whole(
            "vitalstorm.redis.port", 6379, 1, 65535,
            "Redis port");
    public static final Setting.Text REDIS_PASSWORD_FILE = new Setting.Text(
            "vitalstorm.redis.password.file", "",
            "file holding the Redis password");
    public static final Setting.Text CASSANDRA_CONTACT_POINTS = new Setting.Text(
            "vitalstorm.cassandra.contact.points", "127.0.0.1:9042",
            "Cassandra");
    public static final Setting.Text CASSANDRA_LOCAL_DATACENTER = new Setting.Text(
            "vitalstorm.cassandra.local.datacenter", "datacenter1",
            "the data center whose nodes the sessions use");
    public static final Setting.Text CASSANDRA_KEYSPACE = new Setting.Text(
            "vitalstorm.cassandra.keyspace", "vitalstorm",
            "keyspace of the history, alert and audit tables");
    public static final Setting.Text CASSANDRA_REPLICATION = new Setting.Text(
            "vitalstorm.cassandra.replication", "{'class': 'SimpleStrategy', 'replication_factor': 1}",
            "used when the keyspace is created");
    public static final Setting.Whole RETENTION_DAYS = new Setting.Whole(
            "vitalstorm.retention.days", 1095, 1, 36500,
            "TTL of history rows and alert transitions (3 years)");
    public static final Setting.Text SUMMARIES_TOPIC = new Setting.Text(
            "vitalstorm.kafka.topic.summaries", "vitalstorm.summaries",
            "the 10-minute care-team summaries");
    public static final Setting.Text HISTORY_TOPIC = new Setting.Text(
            "vitalstorm.kafka.topic.history", "vitalstorm.history",
            "scored readings on their way to the Cassandra history (consumer group `<group>-history`)");
    public static final Setting.Text ADT_TOPIC = new Setting.Text(
            "vitalstorm.kafka.topic.adt", "vitalstorm.adt",
            "admissions, transfers and discharges in (FHIR Encounter or HL7 v2 ADT; consumer group "
            + "`<group>-adt`; docs/registry-sync.md)");
    public static final Setting.Text REDIS_USERNAME = new Setting.Text(
            "vitalstorm.redis.username", "",
            "Redis ACL user (empty: the default user); see security.md");

    /** Every server and topic key, in the order of docs/configuration.md. */
    public static final List<Setting> ALL = List.of(
            KAFKA_BOOTSTRAP_SERVERS, VITALS_TOPIC, DEAD_LETTER_TOPIC, CLINICIAN_ALERTS_TOPIC,
            PATIENT_ALERTS_TOPIC, ACKNOWLEDGEMENTS_TOPIC, CONSUMER_GROUP, ZOOKEEPER_CONNECT,
            ZOOKEEPER_ROOT, REDIS_HOST, REDIS_PORT, REDIS_PASSWORD_FILE, CASSANDRA_CONTACT_POINTS,
            CASSANDRA_LOCAL_DATACENTER, CASSANDRA_KEYSPACE, CASSANDRA_REPLICATION, RETENTION_DAYS,
            SUMMARIES_TOPIC, HISTORY_TOPIC, ADT_TOPIC, REDIS_USERNAME);

    /** Defaults of each key: a single-host installation with standard ports. */
    public static final Map<String, Object> DEFAULTS = Setting.defaults(ALL);

    public static VitalStormSettings fromMap(Map<String, ?> conf) {
        return new VitalStormSettings(
                KAFKA_BOOTSTRAP_SERVERS.read(conf),
                VITALS_TOPIC.read(conf),
                DEAD_LETTER_TOPIC.read(conf),
                CLINICIAN_ALERTS_TOPIC.read(conf),
                PATIENT_ALERTS_TOPIC.read(conf),
                ACKNOWLEDGEMENTS_TOPIC.read(conf),
                CONSUMER_GROUP.read(conf),
                ZOOKEEPER_CONNECT.read(conf),
                ZOOKEEPER_ROOT.read(conf),
                REDIS_HOST.read(conf),
                REDIS_PORT.readInt(conf),
                REDIS_PASSWORD_FILE.read(conf),
                CASSANDRA_CONTACT_POINTS.read(conf),
                CASSANDRA_LOCAL_DATACENTER.read(conf),
                CASSANDRA_KEYSPACE.read(conf),
                CASSANDRA_REPLICATION.read(conf),
                RETENTION_DAYS.readInt(conf),
                SUMMARIES_TOPIC.read(conf),
                HISTORY_TOPIC.read(conf),
                ADT_TOPIC.read(conf),
                KafkaSecurity.fromMap(conf),
                REDIS_USERNAME.read(conf),
                ZooKeeperSecurity.fromMap(conf),
                CassandraSecurity.fromMap(conf),
                AckAuthentication.fromMap(conf),
                ArchiveSecurity.fromMap(conf),
                ClientTls.REDIS.read(conf),
                ClientTls.CASSANDRA.read(conf),
                ClientTls.ZOOKEEPER.read(conf));
    }

    /** The keys and values, for putting into a Storm topology configuration. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(KAFKA_BOOTSTRAP_SERVERS.key(), kafkaBootstrapServers);
        m.put(VITALS_TOPIC.key(), vitalsTopic);
        m.put(DEAD_LETTER_TOPIC.key(), deadLetterTopic);
        m.put(CLINICIAN_ALERTS_TOPIC.key(), clinicianAlertsTopic);
        m.put(PATIENT_ALERTS_TOPIC.key(), patientAlertsTopic);
        m.put(ACKNOWLEDGEMENTS_TOPIC.key(), acknowledgementsTopic);
        m.put(CONSUMER_GROUP.key(), consumerGroup);
        m.put(ZOOKEEPER_CONNECT.key(), zookeeperConnect);
        m.put(ZOOKEEPER_ROOT.key(), zookeeperRoot);
        m.put(REDIS_HOST.key(), redisHost);
        m.put(REDIS_PORT.key(), redisPort);
        m.put(REDIS_PASSWORD_FILE.key(), redisPasswordFile);
        m.put(CASSANDRA_CONTACT_POINTS.key(), cassandraContactPoints);
        m.put(CASSANDRA_LOCAL_DATACENTER.key(), cassandraLocalDatacenter);
        m.put(CASSANDRA_KEYSPACE.key(), cassandraKeyspace);
        m.put(CASSANDRA_REPLICATION.key(), cassandraReplication);
        m.put(RETENTION_DAYS.key(), retentionDays);
        m.put(SUMMARIES_TOPIC.key(), summariesTopic);
        m.put(HISTORY_TOPIC.key(), historyTopic);
        m.put(ADT_TOPIC.key(), adtTopic);
        m.putAll(kafkaSecurity.toMap());
        m.put(REDIS_USERNAME.key(), redisUsername);
        m.putAll(zookeeperSecurity.toMap());
        m.putAll(cassandraSecurity.toMap());
        m.putAll(ackAuthentication.toMap());
        m.putAll(archiveSecurity.toMap());
        m.putAll(redisTls.toMap());
        m.putAll(cassandraTls.toMap());
        m.putAll(zookeeperTls.toMap());
        return m;
    }

    /** The keys and values as text, unset ones left out: for a properties file or another JVM ({@link #fromMap}). */
    public Map<String, String> toText() {
        Map<String, String> m = new LinkedHashMap<>();
        toMap().forEach((k, v) -> {
            if (v != null) {
                m.put(k, String.valueOf(v));
            }
        });
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
        return SecretFiles.read(REDIS_PASSWORD_FILE.key(), Path.of(redisPasswordFile));
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
}
