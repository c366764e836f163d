package io.vitalstorm.cluster;

import io.vitalstorm.testsupport.Await;
import io.vitalstorm.testsupport.KafkaTestClient;
import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.config.MetricsSettings;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.infra.FreePorts;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.HistoryEntry;
import io.vitalstorm.storage.cassandra.HistoryReader;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import io.vitalstorm.topology.VitalStormTopology;
import io.vitalstorm.topology.metrics.PrometheusReporter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.storm.metrics2.reporters.JmxStormReporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;
import redis.clients.jedis.JedisPooled;

import java.io.IOException;
import java.io.Writer;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The cluster path end to end: Nimbus and a two-slot Supervisor from the Maven-assembled
 * storm.home, the shaded topology jar submitted the way {@code storm jar} does, two worker JVMs,
 * and one of them killed with SIGKILL while readings keep arriving.
 *
 * <p>What it asserts: a reading that was not fully processed when its worker died is replayed
 * from Kafka, so nothing is lost (every expected alert arrives, every reading is in the history,
 * offsets are committed to the end). The kill lands while alert transitions are in flight (a
 * third ward of deteriorating patients is sent just before it): a replayed reading whose
 * transition was already sent is sent again under the same eventId with the same content
 * (replays are idempotent, docs/reliability.md), so the clinician topic holds exactly the
 * expected eventIds, none with other content, repeats counted and printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StormClusterWorkerKillTest {

    private static final String TOPOLOGY = "vitalstorm-cluster-it";
    private static final long T0 = Instant.parse("2026-11-01T08:00:00Z").toEpochMilli();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> BEFORE_KILL = List.of("CL-A1", "CL-A2", "CL-A3");
    private static final List<String> AT_KILL = List.of("CL-K1", "CL-K2", "CL-K3");
    private static final List<String> AFTER_KILL = List.of("CL-B1", "CL-B2", "CL-B3");
    private static final List<String> HEARTBEAT = List.of("HB-1", "HB-2", "HB-3", "HB-4");

    private LocalInfrastructure infra;
    private VitalStormSettings settings;
    private StormTestCluster cluster;
    private KafkaTestClient kafka;
    private JedisPooled redis;
    private CqlSession cassandra;
    private Path workDir;
    /** The first slot's worker serves its metrics here, the second's one port up. */
    private final int metricsPort = FreePorts.next();
    private final List<Ward.ExpectedAlert> expected = new ArrayList<>();
    /** Heartbeat readings sent per patient; their event times are T0 + n seconds. */
    private final Map<String, Integer> heartbeatsSent = new ConcurrentHashMap<>();

    @BeforeAll
    void startServersAndCluster() throws Exception {
        // [lo] alone means java-in-private-network confined this JVM and everything it starts
        System.err.println("[cluster-it] network interfaces: " + Collections.list(
                NetworkInterface.getNetworkInterfaces()).stream().map(NetworkInterface::getName).toList());
        infra = LocalInfrastructure.shared();
        settings = LocalVitalStorm.settings(infra, "cluster-it", "vitalstorm_cluster_it");
        LocalVitalStorm.createTopics(infra, settings);
        kafka = new KafkaTestClient(settings.kafkaBootstrapServers());
        redis = RedisClients.open(settings);
        cassandra = CassandraSessions.open(settings);
        workDir = Path.of("target", "storm-cluster").toAbsolutePath();
        deleteRecursively(workDir);
        cluster = StormTestCluster.start(Path.of(System.getProperty("vitalstorm.storm.home")),
                Path.of(System.getProperty("vitalstorm.storm.yaml")), workDir, infra.zookeeperConnect());
    }

    @AfterAll
    void stop() throws Exception {
        try (AutoCloseable c1 = cassandra; AutoCloseable c2 = redis; AutoCloseable c3 = kafka;
                AutoCloseable c4 = cluster) {
            System.err.println("[cluster-it] daemon and worker logs: " + workDir.resolve("logs") + " and "
                    + workDir.resolve("storm-local"));
        }
    }

    @Test
    void workerKilledWhileAlertsAreInFlightLosesNoAlertAndRepeatsOnlyUnderTheSameEventId() throws Exception {
        for (String p : BEFORE_KILL) {
            sendDeteriorating(p);
        }
        long submitted = System.nanoTime();
        cluster.submit(Path.of(System.getProperty("vitalstorm.topology.jar")), "io.vitalstorm.topology.SubmitCommand",
                List.of("--name", TOPOLOGY, "--config", topologyConfig().toString(), "--workers", "2"));
        Await.until("first alert", WAIT, () -> kafka.snapshot(settings.clinicianAlertsTopic()), l -> !l.isEmpty());
        double firstAlert = secondsSince(submitted);
        awaitAlerts(expected.size());
        Await.until("offsets committed before the kill", WAIT,
                () -> kafka.committedToEnd(settings.consumerGroup(), settings.vitalsTopic()), ok -> ok);
        Await.until("two worker JVMs", WAIT, cluster::workerPids, s -> s.size() == 2);
        Map<Integer, String> scrapes = awaitPrometheusScrapes();
        // one endpoint per slot (metrics port + slot index), each with its own worker's metrics
        assertThat(scrapes.values().stream().map(StormClusterWorkerKillTest::workerPortLabels).toList())
                .allSatisfy(ports -> assertThat(ports).hasSize(1))
                .doesNotHaveDuplicates();
        assertThat(String.join("", scrapes.values())).contains("kafkaOffset_totalSpoutLag{component=\""
                + VitalStormTopology.SPOUT + "\"");
        // the spout's worker: its replacement must re-read from the last committed offset (the
        // other worker's tuples would only time out and be replayed by the surviving spout)
        long victim = Await.until("the spout's worker", WAIT, () -> cluster.workerRunning(VitalStormTopology.SPOUT),
                pid -> true);

        Heartbeats heartbeats = new Heartbeats();
        heartbeats.start();
        try {
            Thread.sleep(2_000); // the kill lands mid-stream, with heartbeat tuples in flight
            for (String p : AT_KILL) {
                sendDeteriorating(p); // their transitions are being made and sent when the worker dies
            }
            Await.until("the first alert of the ward sent at the kill", WAIT,
                    () -> kafka.snapshot(settings.clinicianAlertsTopic())
                    .stream().anyMatch(r -> AT_KILL.contains(r.key())), ok -> ok);
            Map<String, Integer> sentAtKill = new HashMap<>(heartbeatsSent);
            long killed = System.nanoTime();
            ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL
            Await.until("a replacement worker JVM", WAIT, cluster::workerPids,
                    s -> s.size() == 2 && !s.contains(victim));
            double replaced = secondsSince(killed);
            Await.until("heartbeats sent after the kill in Redis", WAIT, () -> HEARTBEAT.stream()
                    .allMatch(p -> latestTs(p) > heartbeatTs(sentAtKill.getOrDefault(p, 0))), ok -> ok);
            double flowing = secondsSince(killed);
            awaitPrometheusScrapes(); // the replacement worker serves its slot's endpoint again
            System.err.printf("[cluster-it] submit -> first alert %.1f s; spout worker kill -> replacement JVM %.1f s"
                    + " -> tuples flowing end to end again %.1f s%n", firstAlert, replaced, flowing);

            for (String p : AFTER_KILL) {
                sendDeteriorating(p);
            }
            awaitAlerts(expected.size());
        } finally {
            heartbeats.stop();
        }

        Await.until("offsets committed to the end", WAIT,
                () -> kafka.committedToEnd(settings.consumerGroup(), settings.vitalsTopic()), ok -> ok);
        assertAlertsNoneLostNoneSpuriousRepeatsAlike();
        assertLatestStateAndHistory();
        assertThat(vitalstormCli("status")).containsPattern(TOPOLOGY + " +ACTIVE +2 ");

        cluster.kill(TOPOLOGY);
        Await.until("all worker JVMs gone after the kill", Duration.ofSeconds(60), cluster::workerPids, Set::isEmpty);
    }

    private void sendDeteriorating(String patientId) throws Exception {
        for (byte[] reading : Ward.deteriorating(patientId, T0)) {
            kafka.send(settings.vitalsTopic(), patientId, reading);
        }
        expected.addAll(Ward.alertsOfDeteriorating(patientId, T0));
    }

    private void awaitAlerts(int count) throws Exception {
        Await.until(count + " alerts", WAIT, () -> kafka.snapshot(settings.clinicianAlertsTopic()),
                l -> l.size() >= count);
    }

    private void assertAlertsNoneLostNoneSpuriousRepeatsAlike() throws Exception {
        Thread.sleep(2_000); // anything a late replay would add arrives now
        Map<String, String> expectedById = new HashMap<>();
        for (Ward.ExpectedAlert e : expected) {
            expectedById.put(e.eventId(), e.patientId() + " " + e.condition() + " " + e.state() + " " + e.band() + " "
                    + e.news2() + " " + e.ts() + " " + e.alertId());
        }
        Map<String, String> seen = new HashMap<>();
        int repeats = 0;
        for (ConsumerRecord<String, byte[]> r : kafka.snapshot(settings.clinicianAlertsTopic())) {
            JsonNode a = Json.MAPPER.readTree(r.value());
            String content = a.get("patientId").asText() + " " + a.get("condition").asText() + " "
                    + a.get("state").asText() + " " + a.get("band").asText() + " " + a.get("news2").asInt() + " "
                    + a.get("ts").asLong() + " " + a.get("alertId").asText();
            String eventId = a.get("eventId").asText();
            assertThat(content).as("content under eventId %s", eventId).isEqualTo(expectedById.get(eventId));
            repeats += seen.put(eventId, content) == null ? 0 : 1;
        }
        assertThat(seen.keySet()).as("eventIds on the clinician topic").isEqualTo(expectedById.keySet());
        System.err.printf("[cluster-it] %d expected transitions, 0 lost, 0 spurious, %d repeats under the same"
                + " eventId%n", expectedById.size(), repeats);
    }

    private void assertLatestStateAndHistory() throws Exception {
        HistoryReader history = new HistoryReader(cassandra, settings.cassandraKeyspace());
        Instant from = Instant.ofEpochMilli(T0 - Ward.MINUTE);
        Instant to = Instant.ofEpochMilli(T0 + 24 * 60 * Ward.MINUTE);
        for (String p : AFTER_KILL) {
            assertThat(redis.hgetAll(RedisKeys.latest(p))).contains(entry("news2", "10"), entry("band", "HIGH"),
                    entry("ts", String.valueOf(T0 + 15 * Ward.MINUTE)));
        }
        for (String p : Stream.of(BEFORE_KILL, AT_KILL, AFTER_KILL).flatMap(List::stream).toList()) {
            assertThat(Await.until("history of " + p, WAIT, () -> history.read(p, from, to), l -> l.size() >= 4))
                    .extracting(HistoryEntry::news2).containsExactly(10, 5, 4, 0); // newest first
        }
        // every heartbeat reading, including those in flight at the kill, is stored exactly once per key
        for (String p : HEARTBEAT) {
            int sent = heartbeatsSent.getOrDefault(p, 0);
            assertThat(Await.until("history of " + p, WAIT, () -> history.read(p, from, to), l -> l.size() >= sent))
                    .hasSize(sent);
            assertThat(latestTs(p)).isEqualTo(heartbeatTs(sent));
        }
    }

    /** The topology's --config file: the VitalStorm keys for the local servers plus a short replay timeout. */
    private Path topologyConfig() throws IOException {
        Map<String, Object> conf = new HashMap<>();
        settings.toMap().forEach((k, v) -> {
            if (v != null) {
                conf.put(k, v);
            }
        });
        // a tuple lost with its worker is replayed after this long (production keeps 60 s)
        conf.put("topology.message.timeout.secs", 10);
        // each worker's Prometheus endpoint, as docs/operations.md has it for a shared cluster
        conf.put("topology.metrics.reporters", List.of(Map.of("class", JmxStormReporter.class.getName()),
                Map.of("class", PrometheusReporter.class.getName())));
        conf.put(MetricsSettings.PROMETHEUS_PORT.key(), metricsPort);
        Path file = workDir.resolve("vitalstorm.yaml");
        try (Writer out = Files.newBufferedWriter(file)) {
            new Yaml().dump(conf, out);
        }
        return file;
    }

    /** A scrape of both slots' endpoints, by port, once both answer. */
    private Map<Integer, String> awaitPrometheusScrapes() {
        HttpClient http = HttpClient.newHttpClient();
        return Await.until("both workers' Prometheus endpoints", WAIT, () -> {
            Map<Integer, String> bodies = new TreeMap<>();
            for (int port : List.of(metricsPort, metricsPort + 1)) {
                URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                bodies.put(port, r.body());
            }
            return bodies;
        }, b -> b.values().stream().allMatch(body -> body.contains("worker_port=")));
    }

    private static Set<String> workerPortLabels(String exposition) {
        Set<String> ports = new TreeSet<>();
        Matcher m = Pattern.compile("worker_port=\"(\\d+)\"").matcher(exposition);
        while (m.find()) {
            ports.add(m.group(1));
        }
        return ports;
    }

    /** {@code ./vitalstorm ARGS} against this cluster: the CLI's main class in a JVM of its own. */
    private String vitalstormCli(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the CLI's own logging config: the test's would truncate this JVM's log file
                "-Dlog4j.configurationFile=vitalstorm-log4j2.xml",
                        "-Dvitalstorm.log.file=" + workDir.resolve("cli.log"),
                "-cp", System.getProperty("java.class.path"), "io.vitalstorm.cli.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("--storm-conf", cluster.confFile().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("vitalstorm %s:%n%s", String.join(" ", args), output).isZero();
        return output;
    }

    private long latestTs(String patientId) {
        String ts = redis.hget(RedisKeys.latest(patientId), "ts");
        return ts == null ? -1 : Long.parseLong(ts);
    }

    private static long heartbeatTs(int n) {
        return T0 + n * 1_000L;
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Calm readings for the heartbeat patients, ten a second, so the kill lands mid-stream. */
    private final class Heartbeats implements Runnable {
        private final Thread thread = new Thread(this, "heartbeats");
        private volatile boolean running = true;
        private volatile Exception failure;

        void start() {
            thread.start();
        }

        void stop() throws Exception {
            running = false;
            thread.join(10_000);
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void run() {
            try {
                for (int i = 0; running; i++) {
                    String p = HEARTBEAT.get(i % HEARTBEAT.size());
                    int n = heartbeatsSent.getOrDefault(p, 0) + 1;
                    kafka.send(settings.vitalsTopic(), p, Ward.stable(p, heartbeatTs(n)));
                    heartbeatsSent.put(p, n);
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                failure = e;
            }
        }
    }
}
