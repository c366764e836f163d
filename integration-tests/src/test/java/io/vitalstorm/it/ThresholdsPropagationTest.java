package io.vitalstorm.it;

import io.vitalstorm.testsupport.Await;
import io.vitalstorm.testsupport.KafkaTestClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.bolts.WorkerResources;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.cli.Main;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.JedisPooled;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the topology running in LocalCluster, an operator changes thresholds through the CLI code
 * path ({@code vitalstorm thresholds set}) and the very next observations are alerted and scored
 * with the new values, without restarting anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThresholdsPropagationTest {

    private static final long T0 = Instant.parse("2026-11-02T08:00:00Z").toEpochMilli();
    private static final long MIN = 60_000;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private LocalInfrastructure infra;
    private VitalStormSettings settings;
    private LocalVitalStorm topology;
    private KafkaTestClient kafka;
    private JedisPooled redis;
    private Path dir;
    private Path config;
    private Path authFile;

    @BeforeAll
    void start() throws Exception {
        infra = LocalInfrastructure.shared();
        settings = LocalVitalStorm.settings(infra, "thrprop", "vitalstorm_thrprop");
        dir = Files.createTempDirectory("thresholds-cli");
        config = Files.writeString(dir.resolve("vitalstorm.yaml"),
                "vitalstorm.zookeeper.connect: \"" + settings.zookeeperConnect() + "\"\n"
                        + "vitalstorm.zookeeper.root: \"" + settings.zookeeperRoot() + "\"\n");
        authFile = Files.writeString(dir.resolve("operator.secret"), "ops:test-only-secret\n");
        kafka = new KafkaTestClient(settings.kafkaBootstrapServers());
        redis = RedisClients.open(settings);
        topology = LocalVitalStorm.start(infra, settings, "thrprop", Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {topology, kafka, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Runs {@code vitalstorm thresholds ACTION ...} and returns its output; fails on a non-zero exit. */
    private String cli(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of("thresholds"));
        argv.addAll(List.of(args));
        argv.addAll(
                List.of("--config", config.toString(), "--auth-file", authFile.toString(), "--operator",
                        "it-operator"));
        int status = Main.run(argv.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(status).as("thresholds %s: %s", args[0], text).isZero();
        return text;
    }

    private Path document(String name, String json) throws Exception {
        return Files.writeString(dir.resolve(name), json);
    }

    private List<JsonNode> alertsOf(String patientId, int atLeast) throws Exception {
        return Await.until("alerts of " + patientId, WAIT, () -> {
            List<JsonNode> mine = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : kafka.readAll(settings.clinicianAlertsTopic(), 1,
                    Duration.ofSeconds(2))) {
                if (patientId.equals(r.key())) {
                    mine.add(Json.MAPPER.readTree(r.value()));
                }
            }
            return mine;
        }, l -> l.size() >= atLeast);
    }

    private Map<String, String> latestAt(String patientId, long ts) throws Exception {
        return Await.until("latest state of " + patientId + " at " + ts, WAIT,
                () -> redis.hgetAll(RedisKeys.latest(patientId)),
                m -> String.valueOf(ts).equals(m.get("ts")));
    }

    @Test
    void theNextObservationsUseTheNewTriggerAndTheNewPatientChart() throws Exception {
        // before: the default trigger LOW_MEDIUM opens an alert at NEWS2 5 (1+2+1+1+0)
        kafka.send(settings.vitalsTopic(), "TP-BEFORE",
                Reading.full("TP-BEFORE", T0, 105, 22, 95, 108, 38.0, "A", false).bytes());
        JsonNode before = alertsOf("TP-BEFORE", 1).get(0);
        assertThat(before.get("state").asText()).isEqualTo("OPEN");
        assertThat(before.get("band").asText()).isEqualTo("MEDIUM");

        // a patient with chronic tachycardia, scored once on the RCP chart: HR 115 scores 2
        kafka.send(settings.vitalsTopic(), "TP-TACHY",
                Reading.full("TP-TACHY", T0, 115, 16, 97, 125, 37.0, "A", false).bytes());
        assertThat(latestAt("TP-TACHY", T0).get("news2")).isEqualTo("2");

        LiveThresholds inTheWorker = WorkerResources.thresholds(settings);
        cli("set", document("high.json", "{\"alertTrigger\":\"HIGH\"}").toString(), "--reason",
                "pilot: alert only on HIGH");
        long setReturned = System.nanoTime();
        long appliedAfter = awaitNanos(setReturned, () -> inTheWorker.global().alertTrigger() == RiskBand.HIGH);
        System.out.printf("trigger change: set returned -> worker applied in %.2f ms%n", appliedAfter / 1e6);

        // after: NEWS2 5 no longer alerts; the first alert of this patient comes at NEWS2 10, already HIGH
        kafka.send(settings.vitalsTopic(), "TP-AFTER",
                Reading.full("TP-AFTER", T0, 105, 22, 95, 108, 38.0, "A", false).bytes());
        kafka.send(settings.vitalsTopic(), "TP-AFTER",
                Reading.full("TP-AFTER", T0 + 5 * MIN, 118, 25, 93, 98, 38.6, "A", false).bytes());
        JsonNode first = alertsOf("TP-AFTER", 1).get(0);
        assertThat(first.get("state").asText()).isEqualTo("OPEN");
        assertThat(first.get("band").asText()).isEqualTo("HIGH");
        assertThat(first.get("news2").asInt()).isEqualTo(10);
        assertThat(first.get("ts").asLong()).isEqualTo(T0 + 5 * MIN);

        // a patient override: HR up to 120 scores 0 for this patient only
        String tachyRow = "{\"scoring\":{\"heartRate\":[{\"upTo\":40,\"score\":3},{\"upTo\":50,\"score\":1},"
                + "{\"upTo\":120,\"score\":0},{\"upTo\":130,\"score\":2},{\"score\":3}]}}";
        cli("set", document("tachy.json", tachyRow).toString(), "--patient", "TP-TACHY", "--reason",
                "chronic tachycardia, Dr Osei");
        long patientSet = System.nanoTime();
        awaitNanos(patientSet,
                () -> inTheWorker.forPatient("TP-TACHY", "UNASSIGNED").scoring().heartRate().score(115) == 0);
        kafka.send(settings.vitalsTopic(), "TP-TACHY",
                Reading.full("TP-TACHY", T0 + MIN, 115, 16, 97, 125, 37.0, "A", false).bytes());
        kafka.send(settings.vitalsTopic(), "TP-OTHER",
                Reading.full("TP-OTHER", T0 + MIN, 115, 16, 97, 125, 37.0, "A", false).bytes());
        assertThat(latestAt("TP-TACHY", T0 + MIN).get("news2")).isEqualTo("0");
        assertThat(latestAt("TP-OTHER", T0 + MIN).get("news2")).isEqualTo("2");

        String history = cli("history");
        assertThat(history).contains("it-operator").contains("pilot: alert only on HIGH")
                .contains("alertTrigger: LOW_MEDIUM -> HIGH");
        assertThat(cli("history", "--patient", "TP-TACHY")).contains("chronic tachycardia, Dr Osei");
    }

    /** Nanoseconds from {@code since} until {@code done} holds (polled every 0.1 ms), failing after 5 s. */
    private static long awaitNanos(long since, BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - since > 5_000_000_000L) {
                throw new AssertionError("thresholds change not applied in the worker within 5 s");
            }
            LockSupport.parkNanos(100_000);
        }
        return System.nanoTime() - since;
    }
}
