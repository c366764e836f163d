package io.vitalstorm.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.infra.RedisServerProcess;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.HistoryReader;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import io.vitalstorm.testsupport.Await;
import io.vitalstorm.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.JedisPooled;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fault at a time against the running topology on real servers, with a Redis of its own so it
 * can be frozen and killed. Each fault must leave the worker alive (in LocalCluster a dying
 * executor ends this JVM, failing the run), every reading sent during the fault in Redis and in
 * the Cassandra history once the fault ends, and the spout's lag drained. Recovery time is fault
 * end → the last reading sent during the fault visible in Redis; it is printed for the report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTest {

    private static final long T0 = Instant.parse("2026-11-02T08:00:00Z").toEpochMilli();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PATIENTS = 20;

    private LocalInfrastructure infra;
    private RedisServerProcess redisServer;
    private VitalStormSettings settings;
    private LocalVitalStorm topology;
    private KafkaTestClient kafka;
    private JedisPooled redis;
    private CqlSession cassandra;
    /** Event-time second of the next reading of every patient. */
    private long second;

    @BeforeAll
    void start() throws Exception {
        infra = LocalInfrastructure.shared();
        redisServer = new RedisServerProcess(infra.workDir().resolve("redis-faults"));
        redisServer.start();
        Map<String, Object> conf =
                new HashMap<>(LocalVitalStorm.settings(infra, "faults", "vitalstorm_faults").toMap());
        conf.put("vitalstorm.redis.host", redisServer.host());
        conf.put("vitalstorm.redis.port", redisServer.port());
        settings = VitalStormSettings.fromMap(conf);
        kafka = new KafkaTestClient(settings.kafkaBootstrapServers());
        cassandra = CassandraSessions.open(settings);
        topology = LocalVitalStorm.start(infra, settings, "faults", Map.of());
        redis = RedisClients.open(settings);
        streamSeconds(5);
        awaitInRedis("the first readings");
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {topology, kafka, redis, cassandra, redisServer}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** One reading per patient per event-time second, for {@code seconds} seconds. */
    private void streamSeconds(int seconds) throws Exception {
        List<Map.Entry<String, byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < seconds; i++, second++) {
            for (int p = 0; p < PATIENTS; p++) {
                String id = "F" + p;
                batch.add(Map.entry(id, Reading.of(id, T0 + second * 1_000).hr(70 + p % 10).rr(14).spo2(97).bytes()));
            }
        }
        kafka.sendAll(settings.vitalsTopic(), batch);
    }

    private long lastTs() {
        return T0 + (second - 1) * 1_000;
    }

    /** Waits until every patient's latest state in Redis is the last reading sent; returns when that was. */
    private long awaitInRedis(String what) throws Exception {
        String expected = String.valueOf(lastTs());
        Await.until(what + " in Redis", WAIT, () -> {
            try {
                for (int p = 0; p < PATIENTS; p++) {
                    if (!expected.equals(redis.hget(RedisKeys.latest("F" + p), "ts"))) {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException redisNotBackYet) {
                return false;
            }
        }, done -> done);
        return System.nanoTime();
    }

    private void awaitHistoryAndLag() throws Exception {
        HistoryReader history = new HistoryReader(cassandra, settings.cassandraKeyspace());
        long expectedRows = second;
        Await.until("every reading in the history", WAIT, () -> history.read("F0", Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(lastTs() + 1)).size(), n -> n == expectedRows);
        Await.until("vitals lag drained", WAIT,
                () -> kafka.committedToEnd(settings.consumerGroup(), settings.vitalsTopic()),
                done -> done);
    }

    private static void report(String fault, long faultEndNanos, long visibleNanos) {
        System.out.printf("[faults] %-40s recovery (fault end -> readings flowing end to end): %.1f s%n", fault,
                (visibleNanos - faultEndNanos) / 1e9);
    }

    @Test
    @Order(1)
    void poisonRecordsOnEveryInputTopicBecomeDeadLettersAndTheStreamGoesOn() throws Exception {
        byte[] farFuture = ("{\"patientId\":\"F0\",\"ts\":\"+999999999-12-31T23:59:59Z\",\"heartRate\":70}")
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder emptyEntries =
                new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        for (int i = 0; i < 5_000; i++) {
            emptyEntries.append(i == 0 ? "" : ",").append("{}");
        }
        byte[] bundleOfEmptyEntries = emptyEntries.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        kafka.send(settings.vitalsTopic(), "poison-binary", new byte[] {(byte) 0xff, 0x00, (byte) 0xfe});
        kafka.send(settings.vitalsTopic(), "poison-far-future", farFuture);
        kafka.send(settings.vitalsTopic(), "poison-bundle", bundleOfEmptyEntries);
        kafka.send(settings.acknowledgementsTopic(), "poison-ack",
                "{\"patientId\":\"F0\",\"alertId\":\"x\",\"by\":\"y\",\"ts\":\"+999999999-12-31T23:59:59Z\"}"
                .getBytes(StandardCharsets.UTF_8));
        kafka.send(settings.historyTopic(), "poison-history", new byte[] {1, 2, 3});
        kafka.send(settings.adtTopic(), "poison-adt", new byte[] {(byte) 0xff, 0x00, (byte) 0xfe});
        streamSeconds(3);

        awaitInRedis("readings after the poison");
        List<ConsumerRecord<String, byte[]>> letters = Await.until("six dead letters", WAIT,
                () -> kafka.snapshot(settings.deadLetterTopic()), l -> l.size() >= 6);
        Map<String, JsonNode> byKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : letters) {
            byKey.put(r.key(), json(r.value()));
        }
        assertThat(byKey)
                .containsKeys("poison-binary", "poison-far-future", "poison-bundle", "poison-ack", "poison-history",
                "poison-adt");
        assertThat(byKey.get("poison-adt").get("sourceTopic").asText()).isEqualTo(settings.adtTopic());
        assertThat(byKey.get("poison-history").get("sourceTopic").asText()).isEqualTo(settings.historyTopic());
        assertThat(byKey.get("poison-history").get("reasonCode").asText()).isEqualTo("INTERNAL_ERROR");
        for (ConsumerRecord<String, byte[]> r : letters) {
            assertThat(r.value().length).as("dead letter of %s", r.key()).isLessThan(1024 * 1024);
        }
        awaitHistoryAndLag();
    }

    /** A step of a fault scenario: starting or ending the fault. */
    @FunctionalInterface
    private interface FaultStep {
        void run() throws Exception;
    }

    /**
     * Starts the fault, streams five seconds of readings into it, holds it {@code holdMillis}, ends it, then checks and
     * reports.
     */
    private void streamThrough(String fault, FaultStep start, long holdMillis, FaultStep end) throws Exception {
        start.run();
        try {
            streamSeconds(5);
            Thread.sleep(holdMillis);
        } finally {
            end.run();
        }
        long ended = System.nanoTime();
        report(fault, ended, awaitInRedis("readings sent during: " + fault));
        awaitHistoryAndLag();
    }

    @Test
    @Order(2)
    void redisFrozenForTenSecondsLosesNoReading() throws Exception {
        streamThrough("Redis frozen (SIGSTOP) 10 s", redisServer::freeze, 10_000, redisServer::thaw);
    }

    @Test
    @Order(3)
    void redisKilledAndRestartedEmptyLosesNoReading() throws Exception {
        // restarted on the same port with no data: persistence is off in the tests
        streamThrough("Redis killed, restarted empty after 5 s", redisServer::close, 5_000, redisServer::start);
    }

    @Test
    @Order(4)
    void afterTheFaultsHealthSaysTheStreamIsFlowing() throws Exception {
        StringBuilder yaml = new StringBuilder();
        settings.toMap().forEach((k, v) -> yaml.append(k).append(": \"").append(v).append("\"\n"));
        java.nio.file.Path config = java.nio.file.Files.writeString(
                java.nio.file.Files.createTempDirectory("faults").resolve("vitalstorm.yaml"), yaml.toString());
        streamSeconds(2);
        awaitInRedis("readings before the health check");
        String report = Cli.run("health", "--config", config.toString(), "--sample-seconds", "2");
        assertThat(report).startsWith("pipeline FLOWING")
                .contains(settings.consumerGroup() + " on " + settings.vitalsTopic());
        System.out.print("[faults] health after the faults:\n" + report);
    }

    private static JsonNode json(byte[] bytes) throws IOException {
        return Json.MAPPER.readTree(bytes);
    }
}
