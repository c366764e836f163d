package io.vitalstorm.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.alert.AckKeys;
import io.vitalstorm.core.alert.AckSignatures;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.scenario.ClinicalScenarios;
import io.vitalstorm.core.scenario.ClinicalScenarios.Scenario;
import io.vitalstorm.core.scenario.FhirCorpus;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.AlertStore;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.HistoryEntry;
import io.vitalstorm.storage.cassandra.HistoryReader;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.StoredAlert;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import io.vitalstorm.testsupport.Await;
import io.vitalstorm.testsupport.KafkaTestClient;
import io.vitalstorm.testsupport.OfflineOracle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.JedisPooled;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinical scenarios through the real topology in LocalCluster against the real servers,
 * checked two ways: transition for transition (same ids) against {@code replay} of the same
 * readings — the engine without Storm — and against the clinical expectation of each scenario.
 * Then what only the running system has: a device falling silent in wall-clock time,
 * acknowledgements from the topic and the CLI, and a topology restart that resumes every patient
 * from the Redis checkpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicalScenariosTopologyTest {

    private static final long T0 = Instant.parse("2026-10-01T08:00:00Z").toEpochMilli();
    private static final long MIN = 60_000;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final List<Scenario> scenarios = ClinicalScenarios.all("TS-", T0);
    private final Scenario restart = ClinicalScenarios.tachyarrhythmia("TS-RESTART", T0);
    /** The FHIR conformance corpus, and its case whose subject is an MRN (the topology has no identifier index yet). */
    private final List<FhirCorpus.Case> fhir = FhirCorpus.all("TF-", T0);
    private final FhirCorpus.Case byIdentifier = FhirCorpus.identifierSubject("TF-", T0);
    private LocalInfrastructure infra;
    private VitalStormSettings settings;
    private LocalVitalStorm topology;
    private KafkaTestClient kafka;
    private JedisPooled redis;
    private CqlSession cassandra;
    private Path config;

    @BeforeAll
    void streamEveryScenario() throws Exception {
        infra = LocalInfrastructure.shared();
        settings = LocalVitalStorm.settings(infra, "scn", "vitalstorm_scn");
        kafka = new KafkaTestClient(settings.kafkaBootstrapServers());
        redis = RedisClients.open(settings);
        cassandra = CassandraSessions.open(settings);
        PatientDirectory directory = new PatientDirectory(new ProfileCache(redis),
                new PatientRegistry(cassandra, settings.cassandraKeyspace()));
        for (Scenario s : all()) {
            directory.register(ClinicalScenarios.profile(s));
        }
        for (FhirCorpus.Case c : fhir) {
            directory.register(FhirCorpus.profile(c));
        }
        Path dir = Files.createTempDirectory("scenarios");
        config = Files.writeString(dir.resolve("vitalstorm.yaml"), String.join("\n",
                "vitalstorm.zookeeper.connect: \"" + settings.zookeeperConnect() + "\"",
                "vitalstorm.zookeeper.root: \"" + settings.zookeeperRoot() + "\"",
                "vitalstorm.kafka.bootstrap.servers: \"" + settings.kafkaBootstrapServers() + "\"",
                "vitalstorm.kafka.topic.alerts.ack: \"" + settings.acknowledgementsTopic() + "\"",
                "vitalstorm.redis.host: \"" + settings.redisHost() + "\"",
                "vitalstorm.redis.port: " + settings.redisPort(), ""));
        // the silent patient's own override: NO_DATA after 6 s instead of 10 min, so the test need not wait
        Path silence = Files.writeString(dir.resolve("silence.json"), "{\"noDataAfterMinutes\": 0.1}");
        Path auth = Files.writeString(dir.resolve("operator.secret"), "ops:test-only-secret\n");
        Cli.run("thresholds", "set", silence.toString(), "--patient", scenario("device-silence").patientId(),
                "--reason", "scenario test: short silence", "--config", config.toString(), "--auth-file",
                auth.toString());

        topology = LocalVitalStorm.start(infra, settings, "scn", Map.of());
        send(ClinicalScenarios.interleaved(scenarios));
        List<FhirCorpus.Case> corpus = new ArrayList<>(fhir);
        corpus.add(byIdentifier);
        kafka.sendAll(settings.vitalsTopic(), corpus.stream()
                .map(c -> Map.entry(c.patientId(), c.json().getBytes(StandardCharsets.UTF_8))).toList());
        // the restart patient's first 12 minutes: its alert opens before the restart (see the last test)
        send(restart.readings().stream().filter(o -> o.ts() < T0 + 12 * MIN).toList());
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {topology, kafka, redis, cassandra}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private List<Scenario> all() {
        List<Scenario> all = new ArrayList<>(scenarios);
        all.add(restart);
        return all;
    }

    private Scenario scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private void send(List<Observation> readings) throws Exception {
        kafka.sendAll(settings.vitalsTopic(), readings.stream()
                .map(o -> Map.entry(o.patientId(), Json.bytes(ObservationJson.input(o)))).toList());
    }

    /**
     * What {@code replay} makes of the same readings: the clinician messages, NO_DATA aside (its clock is the file's).
     */
    private static List<JsonNode> replayed(List<Scenario> scenarios) throws Exception {
        return OfflineOracle.alerts(scenarios, ClinicalScenarios.interleaved(scenarios)).stream()
                .filter(a -> !OfflineOracle.isNoData(a)).toList();
    }

    private List<JsonNode> clinicianAlerts(Predicate<JsonNode> which) throws Exception {
        // repeats after a replay carry the same eventId: consumers keep the first
        Map<String, JsonNode> byEvent = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : kafka.snapshot(settings.clinicianAlertsTopic())) {
            JsonNode a = Json.MAPPER.readTree(r.value());
            if (which.test(a)) {
                byEvent.putIfAbsent(a.get("eventId").asText(), a);
            }
        }
        return new ArrayList<>(byEvent.values());
    }

    private List<JsonNode> awaitAlerts(Predicate<JsonNode> which, int atLeast) throws Exception {
        return Await.until(atLeast + " alerts", WAIT, () -> clinicianAlerts(which), l -> l.size() >= atLeast);
    }

    private static String transition(JsonNode a) {
        return a.get("patientId").asText() + " " + a.get("condition").asText() + " " + a.get("state").asText() + " "
                + a.get("band").asText() + " " + a.get("news2").asInt() + " " + a.get("time").asText() + " "
                + a.get("eventId").asText();
    }

    private static Predicate<JsonNode> ofScenarios(List<Scenario> list) {
        List<String> ids = list.stream().map(Scenario::patientId).toList();
        return a -> ids.contains(a.get("patientId").asText()) && !OfflineOracle.isNoData(a);
    }

    @Test
    @Order(1)
    void theTopologyRaisesExactlyTheTransitionsOfTheEngineOnItsOwn() throws Exception {
        List<JsonNode> expected = replayed(scenarios);
        assertThat(expected).hasSizeGreaterThan(8);
        awaitAlerts(ofScenarios(scenarios), expected.size());
        Await.until("offsets committed to the end", WAIT,
                () -> kafka.committedToEnd(settings.consumerGroup(), settings.vitalsTopic()), ok -> ok);

        assertThat(clinicianAlerts(ofScenarios(scenarios))).extracting(ClinicalScenariosTopologyTest::transition)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(ClinicalScenariosTopologyTest::transition)
                        .toList());
    }

    @Test
    @Order(2)
    void eachScenarioHasItsClinicalOutcomeInTheTopology() throws Exception {
        List<JsonNode> alerts = awaitAlerts(ofScenarios(scenarios), replayed(scenarios).size());
        Map<String, List<JsonNode>> byPatient = alerts.stream()
                .collect(Collectors.groupingBy(a -> a.get("patientId").asText()));

        assertThat(byPatient)
                .doesNotContainKeys(scenario("stable").patientId(), scenario("motion-artifacts").patientId(),
                scenario("monitor-artifacts").patientId());
        assertThat(firstTs(byPatient.get(scenario("monitor-deterioration").patientId()), a -> true))
                .as("a monitor repeating cuff, temperature and ACVPU alerts on the fall, not before")
                .isBetween(T0 + 10 * MIN, T0 + 13 * MIN);
        assertThat(firstTs(byPatient.get(scenario("gateway-batches").patientId()), a -> true))
                .as("a gateway's batches out of order alert on the fall, not on artifacts")
                .isBetween(T0 + 12 * MIN, T0 + 15 * MIN);
        List<JsonNode> sepsis = byPatient.get(scenario("sepsis").patientId());
        long trend = firstTs(sepsis, a -> a.get("condition").asText().equals("DETERIORATING"));
        long high = firstTs(sepsis,
                a -> a.get("condition").asText().equals("NEWS2") && a.get("band").asText().equals("HIGH"));
        assertThat(trend).as("deterioration is flagged before the band is high").isLessThan(high);
        assertThat(firstTs(byPatient.get(scenario("hypoxia-scale-1").patientId()), a -> true))
                .isBetween(T0 + 10 * MIN, T0 + 13 * MIN);
        assertThat(firstTs(byPatient.get(scenario("hypoxia-scale-2").patientId()), a -> true))
                .as("89 %% on scale 2 is the target range; the alert comes after the fall")
                .isBetween(T0 + 15 * MIN, T0 + 18 * MIN);
        assertThat(byPatient.get(scenario("tachyarrhythmia").patientId()))
                .filteredOn(a -> a.get("condition").asText().equals("NEWS2"))
                .extracting(a -> a.get("state").asText()).containsExactly("OPEN", "RESOLVED");
        assertThat(byPatient.get(scenario("unacknowledged").patientId()))
                .filteredOn(a -> a.get("condition").asText().equals("NEWS2"))
                .extracting(a -> a.get("state").asText())
                .containsExactly("OPEN", "ESCALATED", "ESCALATED", "ESCALATED");
    }

    private static long firstTs(List<JsonNode> alerts, Predicate<JsonNode> p) {
        assertThat(alerts).isNotNull();
        return alerts.stream().filter(p).mapToLong(a -> a.get("ts").asLong()).min().orElseThrow();
    }

    @Test
    @Order(3)
    void aDeviceThatFallsSilentGetsNoDataAndThePatientIsAskedToCheckIt() throws Exception {
        String silent = scenario("device-silence").patientId();
        JsonNode noData = awaitAlerts(a -> a.get("patientId").asText().equals(silent), 1).get(0);
        assertThat(noData.get("condition").asText()).isEqualTo("NO_DATA");
        assertThat(noData.get("state").asText()).isEqualTo("OPEN");
        assertThat(noData.get("reason").asText()).startsWith("no readings for 0.1 min since ");
        JsonNode message = Await.until("patient message of " + silent, WAIT,
                () -> kafka.snapshot(settings.patientAlertsTopic())
                        .stream().filter(r -> silent.equals(r.key())).map(r -> readTree(r.value())).toList(),
                        l -> !l.isEmpty()).get(0);
        assertThat(message.get("about").asText()).isEqualTo("device");
        assertThat(redis.hexists(RedisKeys.OPEN_ALERTS, RedisKeys.openAlertField(silent, "NO_DATA"))).isTrue();
    }

    @Test
    @Order(4)
    void acknowledgementsFromTheCliStopEscalationAndBadOnesAreDeadLettered() throws Exception {
        String patient = scenario("unacknowledged").patientId();
        String alertId = awaitAlerts(a -> a.get("patientId").asText().equals(patient)
                && a.get("condition").asText().equals("NEWS2"), 1).get(0).get("alertId").asText();
        assertThat(Cli.run("alerts", "open", "--config", config.toString())).contains(patient, alertId);
        // forged before the real one: unsigned, and signed by a key the topology does not know
        String forged = "{\"patientId\":\"" + patient + "\",\"alertId\":\"" + alertId
                + "\",\"by\":\"Dr Evil\",\"ts\":" + System.currentTimeMillis() + "}";
        kafka.send(settings.acknowledgementsTopic(), patient, forged.getBytes(StandardCharsets.UTF_8));
        AckKeys.Key stranger = new AckKeys.Key("web1", new byte[AckKeys.MIN_KEY_BYTES], null);
        kafka.send(settings.acknowledgementsTopic(), patient,
                AckSignatures.sign((ObjectNode) readTree(forged.getBytes(StandardCharsets.UTF_8)), stranger).toString()
                        .getBytes(StandardCharsets.UTF_8));

        Cli.run("alerts", "ack", "--patient", patient, "--alert", alertId, "--by", "Dr Osei", "--note", "on my way",
                "--config", config.toString(), "--key-file", settings.ackAuthentication().signingKeyFile());
        JsonNode ack = awaitAlerts(a -> a.get("state").asText().equals("ACKNOWLEDGED"), 1).get(0);
        assertThat(ack.get("alertId").asText()).isEqualTo(alertId);
        assertThat(ack.get("acknowledgedBy").asText()).isEqualTo("Dr Osei");
        assertThat(ack.get("reason").asText()).isEqualTo("acknowledged by Dr Osei: on my way");

        Cli.run("alerts", "ack", "--patient", patient, "--alert", "no-such-alert", "--by", "Dr Osei", "--config",
                config.toString(),
                "--key-file", settings.ackAuthentication().signingKeyFile());
        kafka.send(settings.acknowledgementsTopic(), patient, "ack!".getBytes(StandardCharsets.UTF_8));
        // the vitals topic's dead letters (the FHIR corpus's refusals) are checked by their own test
        List<JsonNode> letters = Await.until("dead letters of acknowledgements", WAIT,
                () -> kafka.snapshot(settings.deadLetterTopic())
                .stream().map(r -> readTree(r.value()))
                .filter(l -> l.get("sourceTopic").asText().equals(settings.acknowledgementsTopic())).toList(),
                l -> l.size() >= 4);
        assertThat(letters).extracting(l -> l.get("reasonCode").asText())
                .containsExactlyInAnyOrder("UNAUTHENTICATED", "UNAUTHENTICATED", "UNKNOWN_ALERT", "MALFORMED_JSON");
        assertThat(letters)
                .allSatisfy(l -> assertThat(l.get("sourceTopic").asText()).isEqualTo(settings.acknowledgementsTopic()));

        AlertStore store = new AlertStore(cassandra, settings.cassandraKeyspace(), settings.retentionDays());
        List<StoredAlert> stored = Await.until("stored acknowledgement", WAIT, () -> store.forPatient(patient),
                l -> l.stream().anyMatch(a -> a.state().equals("ACKNOWLEDGED")));
        assertThat(stored).filteredOn(a -> a.state().equals("ACKNOWLEDGED"))
                .extracting(StoredAlert::condition, StoredAlert::acknowledgedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NEWS2", "Dr Osei"));
    }

    @Test
    @Order(5)
    void aRestartedTopologyResumesEveryPatientFromItsCheckpointWithoutReRaisingAlerts() throws Exception {
        Predicate<JsonNode> restartPatient = a -> a.get("patientId").asText().equals(restart.patientId());
        awaitAlerts(restartPatient.and(a -> a.get("state").asText().equals("OPEN")), 1);
        Await.until("offsets committed to the end", WAIT,
                () -> kafka.committedToEnd(settings.consumerGroup(), settings.vitalsTopic()), ok -> ok);
        assertThat(redis.exists(RedisKeys.riskState(restart.patientId()).getBytes(StandardCharsets.UTF_8))).isTrue();

        topology.close();
        topology = LocalVitalStorm.start(infra, settings, "scn-restarted", Map.of());
        send(restart.readings().stream().filter(o -> o.ts() >= T0 + 12 * MIN).toList());

        List<JsonNode> expected = replayed(List.of(restart));
        List<JsonNode> actual = awaitAlerts(restartPatient.and(a -> !OfflineOracle.isNoData(a)), expected.size());
        assertThat(actual).extracting(ClinicalScenariosTopologyTest::transition)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(ClinicalScenariosTopologyTest::transition)
                        .toList());
        assertThat(actual).filteredOn(a -> a.get("state").asText().equals("OPEN")).hasSize(expected.stream()
                .filter(a -> a.get("state").asText().equals("OPEN")).toList().size());
    }

    @Test
    @Order(6)
    void theFhirCorpusIsReadInTheTopologyAsByTheParserAndEveryRefusalIsDeadLettered() throws Exception {
        HistoryReader history = new HistoryReader(cassandra, settings.cassandraKeyspace());
        for (FhirCorpus.Case c : fhir) {
            for (Observation expected : c.expected()) {
                List<HistoryEntry> stored = Await.until("history of " + c.name(), WAIT,
                        () -> history.read(c.patientId(),
                        Instant.ofEpochMilli(expected.ts()), Instant.ofEpochMilli(expected.ts() + 1)), l -> l.stream()
                        .anyMatch(h -> sameVitals(h.observation(), expected)));
                assertThat(stored).as(c.name())
                        .anySatisfy(h -> assertThat(sameVitals(h.observation(), expected)).isTrue());
            }
        }
        List<FhirCorpus.Case> refused = new ArrayList<>(fhir.stream().filter(c -> !c.refusals().isEmpty()).toList());
        refused.add(byIdentifier);
        Map<String, JsonNode> letters = Await.until("dead letters of the FHIR corpus", WAIT,
                () -> kafka.snapshot(settings.deadLetterTopic())
                .stream().map(r -> readTree(r.value())).filter(l -> l.get("key").asText().startsWith("TF-"))
                .collect(Collectors.toMap(l -> l.get("key").asText(), l -> l, (a, b) -> a)),
                m -> m.size() >= refused.size());
        for (FhirCorpus.Case c : refused) {
            JsonNode letter = letters.get(c.patientId());
            assertThat(letter).as(c.name()).isNotNull();
            assertThat(letter.get("reasonCode").asText() + ": " + letter.get("reason").asText()).as(c.name())
                    .contains(c == byIdentifier
                            ? List.of("subject.identifier " + FhirCorpus.MRN
                                    + "|MRN-TF-MRN is no patient of the registry")
                            : c.refusals());
        }
    }

    private static boolean sameVitals(Observation a, Observation b) {
        return java.util.Objects.equals(a.heartRate(), b.heartRate())
                && java.util.Objects.equals(a.respiratoryRate(), b.respiratoryRate())
                && java.util.Objects.equals(a.spo2(), b.spo2())
                && java.util.Objects.equals(a.systolicBp(), b.systolicBp())
                && java.util.Objects.equals(a.temperature(), b.temperature()) && a.consciousness() == b.consciousness()
                && java.util.Objects.equals(a.onOxygen(), b.onOxygen());
    }

    private static JsonNode readTree(byte[] value) {
        try {
            return Json.MAPPER.readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
