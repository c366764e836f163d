package io.vitalstorm.bench.flink;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.infra.LocalSettings;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.AlertStore;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flink peer on a few hundred readings against the real local servers: every record read,
 * the deteriorating patient alerted (Kafka and the Cassandra alert store), every patient's
 * latest state in Redis, the junk record dead-lettered. No speed is asserted.
 */
class FlinkJobTest {

    private static final String ILL = "FL-ILL";
    private static final String WELL = "FL-WELL";
    private static final String UNKNOWN = "FL-UNKNOWN";
    private static final int SECONDS = 100;

    @Test
    void scoresEveryReadingWritesTheSinksAndAlertsOnTheDeterioratingPatient() throws Exception {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        VitalStormSettings s = settings(infra);
        infra.createTopics(Map.of(s.vitalsTopic(), 2, s.deadLetterTopic(), 1, s.clinicianAlertsTopic(), 1,
                s.patientAlertsTopic(), 1));
        try (CqlSession cassandra = CassandraSessions.open(s); JedisPooled redis = RedisClients.open(s)) {
            PatientDirectory directory = new PatientDirectory(new ProfileCache(redis),
                    new PatientRegistry(cassandra, s.cassandraKeyspace()));
            directory.register(profile(ILL));
            directory.register(profile(WELL));
            long records = preload(s);

            FlinkJob.Result r = FlinkJob.run(s, "flinktest", new FlinkJob.Options(2, Duration.ofSeconds(2)));

            assertThat(r.records()).isEqualTo(records);
            assertThat(r.observations()).isEqualTo(records - 1);
            assertThat(r.deadLetters()).isEqualTo(1);
            assertThat(r.alerts()).isPositive();
            assertThat(r.recordsPerSecond()).isPositive();
            for (String patient : List.of(ILL, WELL, UNKNOWN)) {
                assertThat(redis.exists(RedisKeys.latest(patient))).as(patient).isTrue();
            }
            assertThat(redis.zscore(RedisKeys.riskAll(), ILL)).isGreaterThanOrEqualTo(7.0);
            assertThat(new AlertStore(cassandra, s.cassandraKeyspace(), s.retentionDays()).forPatient(ILL))
                    .isNotEmpty();
            assertThat(new AlertStore(cassandra, s.cassandraKeyspace(), s.retentionDays()).forPatient(WELL))
                    .isEmpty();
            assertThat(keys(s, s.clinicianAlertsTopic())).isNotEmpty().containsOnly(ILL);
            assertThat(keys(s, s.deadLetterTopic())).containsExactly(WELL);
        }
    }

    private static VitalStormSettings settings(LocalInfrastructure infra) {
        return VitalStormSettings.fromMap(LocalSettings.conf(infra, "flinktest", "vitalstorm_flinktest"));
    }

    private static PatientProfile profile(String id) {
        return new PatientProfile(id, "Flink patient " + id, 60, "Ward-F", "Ward-F team", "Dr F", Spo2Scale.SCALE_1,
                "app:" + id);
    }

    /** One reading a second per patient for the last {@value #SECONDS} s, and one junk record. */
    private static long preload(VitalStormSettings s) throws Exception {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
        long records = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            long start = System.currentTimeMillis() - SECONDS * 1_000L;
            for (int second = 0; second < SECONDS; second++) {
                long ts = start + second * 1_000L;
                send(producer, s, ILL, "{\"patientId\":\"" + ILL + "\",\"deviceId\":\"nurse-1\",\"ts\":" + ts
                        + ",\"heartRate\":135,\"respiratoryRate\":28,\"spo2\":89,\"systolicBp\":88,"
                        + "\"temperature\":39.2,\"consciousness\":\"A\",\"onOxygen\":false}");
                for (String well : List.of(WELL, UNKNOWN)) {
                    send(producer, s, well, "{\"patientId\":\"" + well + "\",\"deviceId\":\"band-" + well
                            + "\",\"ts\":" + ts + ",\"heartRate\":" + (70 + second % 5) + ",\"spo2\":97}");
                }
                records += 3;
            }
            send(producer, s, WELL, "{\"patientId\":\"" + WELL + "\",\"heartRate\":400}");
            producer.flush();
        }
        return records + 1;
    }

    private static void send(KafkaProducer<String, byte[]> producer, VitalStormSettings s, String key, String json) {
        producer.send(new ProducerRecord<>(s.vitalsTopic(), key, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The keys of every record on {@code topic}. */
    private static List<String> keys(VitalStormSettings s, String topic) {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "flinktest-check-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int emptyPolls = 0;
            while (System.nanoTime() < deadline && (keys.isEmpty() || emptyPolls < 3)) {
                var polled = consumer.poll(Duration.ofMillis(500));
                emptyPolls = polled.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, byte[]> rec : polled) {
                    keys.add(rec.key());
                }
            }
        }
        return keys;
    }
}
