package io.vitalstorm.it;

import io.vitalstorm.testsupport.Await;
import io.vitalstorm.testsupport.KafkaTestClient;
import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.AlertIds;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.config.MetricsSettings;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
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
import io.vitalstorm.topology.VitalStormTopology;
import io.vitalstorm.topology.metrics.PrometheusReporter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.JedisPooled;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The foundation's end-to-end check: the real topology in LocalCluster against real Kafka,
 * ZooKeeper, Redis and Cassandra. Expected scores are worked out by hand from the RCP 2017
 * chart, not by calling the scorer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndPipelineTest {

    private static final long T0 = Instant.parse("2026-11-01T08:00:00Z").toEpochMilli();
    private static final long MIN = 60_000;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final String DETER = "E2E-DETER";
    private static final String COPD = "E2E-COPD";
    private static final String STABLE = "E2E-STABLE";
    private static final String UNKNOWN = "E2E-UNKNOWN";
    private static final String FHIR = "E2E-FHIR";

    private LocalInfrastructure infra;
    private VitalStormSettings settings;
    private LocalVitalStorm topology;
    private KafkaTestClient kafka;
    private CqlSession cassandra;
    private JedisPooled redis;
    private final Map<String, byte[]> badRecords = new LinkedHashMap<>();
    private final Map<String, RecordMetadata> badRecordCoordinates = new HashMap<>();
    private final Map<String, String> badRecordKeys = new HashMap<>();
    private final Map<String, String> expectedBadCodes = new HashMap<>();
    private int validRecords;

    @BeforeAll
    void startPipelineAndStream() throws Exception {
        infra = LocalInfrastructure.shared();
        settings = LocalVitalStorm.settings(infra, "e2e", "vitalstorm_e2e");
        kafka = new KafkaTestClient(settings.kafkaBootstrapServers());
        cassandra = CassandraSessions.open(settings);
        redis = RedisClients.open(settings);
        PatientDirectory directory = new PatientDirectory(new ProfileCache(redis),
                new PatientRegistry(cassandra, settings.cassandraKeyspace()));
        directory.register(new PatientProfile(DETER, "Ada Example", 71, "Ward-5A", "Team A", "Dr Osei",
                Spo2Scale.SCALE_1, "sms:+441110001"));
        directory.register(new PatientProfile(COPD, "Bo Example", 66, "Home-Care-North", "Respiratory team",
                "Dr Lind", Spo2Scale.SCALE_2, "app:device-42"));
        directory.register(new PatientProfile(STABLE, "Cy Example", 45, "Ward-5A", "Team A", "Dr Osei",
                Spo2Scale.SCALE_1, "sms:+441110003"));

        topology = LocalVitalStorm.start(infra, settings, "e2e", Map.of(
                // every tuple goes through Kryo even inside one worker, as it would between workers
                "topology.testing.always.try.serialize", true,
                // the worker's Prometheus endpoint, on a free port
                MetricsSettings.PROMETHEUS_PORT.key(), MetricsSettings.ANY_FREE_PORT));
        streamScenario();
    }

    private void streamScenario() throws Exception {
        // deteriorating patient on scale 1: LOW, LOW, MEDIUM (open), HIGH (escalate), worse HIGH (nothing new)
        send(DETER, Reading.full(DETER, T0, 80, 16, 97, 125, 37.0, "A", false));
        send(DETER, Reading.full(DETER, T0 + 5 * MIN, 95, 21, 95, 118, 37.8, "A", false));   // 1+2+1+0+0 = 4
        send(DETER, Reading.full(DETER, T0 + 10 * MIN, 105, 22, 95, 108, 38.0, "A", false)); // 1+2+1+1+0 = 5
        send(DETER, Reading.full(DETER, T0 + 15 * MIN, 118, 25, 93, 98, 38.6, "A", false));  // 2+3+2+2+1 = 10
        send(DETER, Reading.full(DETER, T0 + 20 * MIN, 125, 26, 92, 95, 39.2, "C", true));   // 2+3+2+2+2+3+2 = 16
        // COPD on scale 2: 89 % on air scores 0 (3 on scale 1); 97 % on oxygen scores 3, +2 for oxygen
        send(COPD, Reading.full(COPD, T0, 78, 18, 89, 130, 36.8, "A", false));                // 0
        send(COPD, Reading.full(COPD, T0 + 5 * MIN, 85, 19, 97, 128, 37.0, "A", true));      // 3+2 = 5
        send(COPD, Reading.full(COPD, T0 + 10 * MIN, 80, 18, 90, 126, 36.9, "A", false));    // 0: below since
        send(COPD, Reading.full(COPD, T0 + 30 * MIN, 79, 17, 90, 127, 36.9, "A", false));    // 20 min below: resolve
        // stable patient, one reading from a wrist band (HR and SpO2 only)
        send(STABLE, Reading.full(STABLE, T0, 72, 14, 98, 122, 36.7, "A", false));
        send(STABLE, Reading.of(STABLE, T0 + MIN).hr(74).spo2(97));
        send(STABLE, Reading.of(STABLE, T0 + 2 * MIN).hr(70).rr(15).spo2(98));
        // unknown patient: still scored; RR 26 is a single red 3, on a spot check (a temperature was taken)
        send(UNKNOWN, Reading.of(UNKNOWN, T0).hr(76).rr(16).spo2(97));
        send(UNKNOWN, Reading.of(UNKNOWN, T0 + 5 * MIN).hr(88).rr(26).spo2(96).temp(37.0));

        // FHIR R4 Bundle: a vital-signs panel, a temperature in °F, and an entry with a wrong unit
        // keyed by its patient, as every vitals record must be (a record keyed otherwise is refused per reading)
        bad("fhir-bundle", FHIR, "BAD_UNIT", fhirBundle().getBytes(StandardCharsets.UTF_8));

        bad("not-json", "MALFORMED_JSON", "heart rate 72".getBytes(StandardCharsets.UTF_8));
        bad("array", "NOT_AN_OBJECT", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
        bad("out-of-range", "OUT_OF_RANGE", Reading.of("E2E-BAD", T0).hr(400).bytes());
        bad("no-patient", "MISSING_FIELD", ("{\"ts\":" + T0 + ",\"heartRate\":70}").getBytes(StandardCharsets.UTF_8));
        bad("bad-time", "INVALID_VALUE",
                "{\"patientId\":\"E2E-BAD\",\"ts\":\"yesterday\",\"heartRate\":70}".getBytes(StandardCharsets.UTF_8));
        bad("binary", "MALFORMED_JSON", new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01});
        byte[] huge = new byte[20 * 1024];
        Arrays.fill(huge, (byte) ' ');
        bad("oversized", "TOO_LARGE", huge);
        bad("wrong-type", "WRONG_TYPE",
                ("{\"patientId\":\"E2E-BAD\",\"ts\":" + T0 + ",\"heartRate\":\"72\"}")
                .getBytes(StandardCharsets.UTF_8));
        bad("no-vitals", "NO_VITALS",
                ("{\"patientId\":\"E2E-BAD\",\"ts\":" + T0 + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static String fhirBundle() {
        String subject = "\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/"
                + FHIR + "\"},";
        String panel = "{" + subject
                + "\"effectiveDateTime\":\"2026-11-01T08:00:00Z\",\"code\":{\"coding\":[{\"system\":"
                + "\"http://loinc.org\",\"code\":\"85353-1\"}]},"
                + "\"component\":[" + fhirComponent("8867-4", 72, "/min") + ","
                + fhirComponent("9279-1", 16, "/min") + ","
                + fhirComponent("59408-5", 97, "%") + "]}";
        String temperature = "{" + subject + "\"effectiveDateTime\":\"2026-11-01T08:01:00Z\","
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8310-5\"}]},\"valueQuantity\":"
                + fhirQuantity(98.6, "[degF]") + "}";
        String wrongUnit = "{" + subject + "\"effectiveDateTime\":\"2026-11-01T08:02:00Z\","
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},\"valueQuantity\":"
                + fhirQuantity(1.2, "Hz") + "}";
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":" + panel
                + "},{\"resource\":" + temperature + "},{\"resource\":" + wrongUnit + "}]}";
    }

    private static String fhirComponent(String loinc, double value, String ucum) {
        return "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc
                + "\"}]},\"valueQuantity\":"
                + fhirQuantity(value, ucum) + "}";
    }

    private static String fhirQuantity(double value, String ucum) {
        return "{\"value\":" + value + ",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + ucum + "\"}";
    }

    private void send(String patientId, Reading r) throws Exception {
        kafka.send(settings.vitalsTopic(), patientId, r.bytes());
        validRecords++;
    }

    private void bad(String name, String expectedCode, byte[] payload) throws Exception {
        bad(name, "bad-" + name, expectedCode, payload);
    }

    private void bad(String name, String key, String expectedCode, byte[] payload) throws Exception {
        badRecords.put(name, payload);
        badRecordKeys.put(name, key);
        expectedBadCodes.put(name, expectedCode);
        badRecordCoordinates.put(name, kafka.send(settings.vitalsTopic(), key, payload));
    }

    @AfterAll
    void stop() throws Exception {
        if (topology != null) {
            topology.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (cassandra != null) {
            cassandra.close();
        }
    }

    @Test
    void clinicianTopicGetsExactlyTheExpectedAlertTransitions() throws Exception {
        List<JsonNode> alerts = json(kafka.readAll(settings.clinicianAlertsTopic(), 10, WAIT));
        String deterNews2 = AlertIds.alert(DETER, AlertCondition.NEWS2, T0 + 10 * MIN);
        String deterTrend = AlertIds.alert(DETER, AlertCondition.DETERIORATING, T0 + 5 * MIN);
        String copdNews2 = AlertIds.alert(COPD, AlertCondition.NEWS2, T0 + 5 * MIN);
        String copdTrend = AlertIds.alert(COPD, AlertCondition.DETERIORATING, T0 + 5 * MIN);
        String unknownNews2 = AlertIds.alert(UNKNOWN, AlertCondition.NEWS2, T0 + 5 * MIN);
        String unknownTrend = AlertIds.alert(UNKNOWN, AlertCondition.DETERIORATING, T0 + 5 * MIN);

        assertThat(alerts).extracting(a -> a.get("patientId").asText() + " " + a.get("condition").asText() + " "
                        + a.get("state").asText() + " " + a.get("band").asText() + " " + a.get("news2").asInt() + " "
                        + a.get("ts").asLong() + " " + a.get("alertId").asText())
                .containsExactlyInAnyOrder(
                        // full sets are spot checks: they count at once; 0 → 4 within the hour is a trend
                        DETER + " DETERIORATING OPEN LOW 4 " + (T0 + 5 * MIN) + " " + deterTrend,
                        DETER + " NEWS2 OPEN MEDIUM 5 " + (T0 + 10 * MIN) + " " + deterNews2,
                        DETER + " NEWS2 ESCALATED HIGH 10 " + (T0 + 15 * MIN) + " " + deterNews2,
                        // nobody acknowledged the trend alert for 15 minutes
                        DETER + " DETERIORATING ESCALATED HIGH 16 " + (T0 + 20 * MIN) + " " + deterTrend,
                        COPD + " NEWS2 OPEN MEDIUM 5 " + (T0 + 5 * MIN) + " " + copdNews2,
                        COPD + " DETERIORATING OPEN MEDIUM 5 " + (T0 + 5 * MIN) + " " + copdTrend,
                        COPD + " NEWS2 RESOLVED LOW 0 " + (T0 + 30 * MIN) + " " + copdNews2,
                        COPD + " DETERIORATING RESOLVED LOW 0 " + (T0 + 30 * MIN) + " " + copdTrend,
                        UNKNOWN + " NEWS2 OPEN LOW_MEDIUM 3 " + (T0 + 5 * MIN) + " " + unknownNews2,
                        UNKNOWN + " DETERIORATING OPEN LOW_MEDIUM 3 " + (T0 + 5 * MIN) + " " + unknownTrend);
        assertThat(alerts).extracting(a -> a.get("eventId").asText()).doesNotHaveDuplicates()
                .contains(AlertIds.event(deterNews2, 1, AlertState.ESCALATED));

        JsonNode escalated = only(alerts, DETER, "NEWS2", "ESCALATED");
        assertThat(subscores(escalated)).containsOnly(entry("respiratoryRate", 3), entry("spo2", 2),
                entry("airOrOxygen", 0), entry("systolicBp", 2), entry("heartRate", 2), entry("consciousness", 0),
                entry("temperature", 1));
        assertThat(escalated.get("reason").asText())
                .isEqualTo("risk rose from MEDIUM to HIGH: spot check NEWS2 10 (HIGH)");
        assertThat(escalated.get("patient").get("careTeam").asText()).isEqualTo("Team A");
        assertThat(escalated.get("patient").get("responsibleDoctor").asText()).isEqualTo("Dr Osei");
        assertThat(escalated.get("knownPatient").asBoolean()).isTrue();
        assertThat(only(alerts, DETER, "DETERIORATING", "OPEN").get("reason").asText())
                .isEqualTo("NEWS2 rose by 4 (from 0 to 4) within 60 min");

        JsonNode copdOpen = only(alerts, COPD, "NEWS2", "OPEN");
        assertThat(subscores(copdOpen)).contains(entry("spo2", 3), entry("airOrOxygen", 2));
        assertThat(copdOpen.get("patient").get("spo2Scale").asInt()).isEqualTo(2);

        JsonNode unknown = only(alerts, UNKNOWN, "NEWS2", "OPEN");
        assertThat(unknown.get("knownPatient").asBoolean()).isFalse();
        assertThat(unknown.get("reading").get("incomplete").asBoolean()).isTrue();
        assertThat(unknown.get("patient").get("ward").asText()).isEqualTo(PatientProfile.UNKNOWN_WARD);
    }

    @Test
    void patientTopicGetsPlainMessagesWithOnlyTheirOwnData() throws Exception {
        // NEWS2 transitions only: trends are for clinicians to judge first
        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(settings.patientAlertsTopic(), 5, WAIT);
        assertThat(records).hasSize(5);
        for (ConsumerRecord<String, byte[]> r : records) {
            JsonNode m = Json.MAPPER.readTree(r.value());
            assertThat(r.key()).isEqualTo(m.get("patientId").asText());
            assertThat(fieldNames(m)).containsExactlyInAnyOrder("eventId", "alertId", "patientId", "contact", "ts",
                    "time", "about", "state", "message");
            assertThat(m.get("about").asText()).isEqualTo("readings");
            String text = new String(r.value(), StandardCharsets.UTF_8);
            for (String other : List.of(DETER, COPD, STABLE, UNKNOWN)) {
                if (!other.equals(r.key())) {
                    assertThat(text).doesNotContain(other);
                }
            }
            assertThat(text).doesNotContain("Dr Osei", "Ward-5A", "news2");
        }
        JsonNode copd =
                Json.MAPPER.readTree(records.stream().filter(r -> r.key().equals(COPD)).findFirst().orElseThrow()
                        .value());
        assertThat(copd.get("contact").asText()).isEqualTo("app:device-42");
    }

    @Test
    void everyBadRecordIsInTheDeadLetterTopicWithReasonAndOrigin() throws Exception {
        List<JsonNode> letters = json(kafka.readAll(settings.deadLetterTopic(), badRecords.size(), WAIT));
        assertThat(letters).hasSize(badRecords.size());
        Map<String, JsonNode> byKey = letters.stream().collect(Collectors.toMap(l -> l.get("key").asText(), l -> l));
        for (var bad : badRecords.entrySet()) {
            JsonNode letter = byKey.get(badRecordKeys.get(bad.getKey()));
            assertThat(letter).as(bad.getKey()).isNotNull();
            assertThat(letter.get("reasonCode").asText()).as(bad.getKey())
                    .isEqualTo(expectedBadCodes.get(bad.getKey()));
            assertThat(letter.get("reason").asText()).as(bad.getKey()).isNotBlank();
            RecordMetadata origin = badRecordCoordinates.get(bad.getKey());
            assertThat(letter.get("sourceTopic").asText()).isEqualTo(settings.vitalsTopic());
            assertThat(letter.get("partition").asInt()).isEqualTo(origin.partition());
            assertThat(letter.get("offset").asLong()).isEqualTo(origin.offset());
            assertThat(Base64.getDecoder().decode(letter.get("payloadBase64").asText())).isEqualTo(bad.getValue());
        }
        assertThat(byKey.get("bad-out-of-range").get("reason").asText()).contains("heartRate 400");
        assertThat(byKey.get(FHIR).get("reason").asText()).isEqualTo(
                "entry 2: heartRate unit 'Hz' is not one of [/min, {beats}/min, {beat}/min] (UCUM)");
    }

    @Test
    void redisHoldsEachPatientsLatestPicture() throws Exception {
        Map<String, String> deter = Await.until("latest state of " + DETER, WAIT,
                () -> redis.hgetAll(RedisKeys.latest(DETER)), m -> String.valueOf(T0 + 20 * MIN).equals(m.get("ts")));
        assertThat(deter).contains(entry("news2", "16"), entry("band", "HIGH"), entry("heartRate", "125"),
                entry("consciousness", "C"), entry("onOxygen", "true"), entry("ward", "Ward-5A"),
                entry("knownPatient", "true"), entry("incomplete", "false"));
        Map<String, String> stable = Await.until("latest state of " + STABLE, WAIT,
                () -> redis.hgetAll(RedisKeys.latest(STABLE)), m -> String.valueOf(T0 + 2 * MIN).equals(m.get("ts")));
        // the wrist band's reading is scored complete with the full set's values, still valid two minutes later
        assertThat(stable).contains(entry("news2", "0"), entry("band", "LOW"), entry("incomplete", "false"),
                entry("carried", "airOrOxygen,systolicBp,consciousness,temperature"), entry("systolicBp", "122"));
        Map<String, String> unknown = Await.until("latest state of " + UNKNOWN, WAIT,
                () -> redis.hgetAll(RedisKeys.latest(UNKNOWN)), m -> String.valueOf(T0 + 5 * MIN).equals(m.get("ts")));
        assertThat(unknown).contains(entry("knownPatient", "false"), entry("band", "LOW_MEDIUM"));
        assertThat(redis.zscore(RedisKeys.riskAll(), DETER)).isEqualTo(16.0);
        // the valid entries of the FHIR Bundle were scored although one entry went to the dead-letter topic
        Map<String, String> fhir = Await.until("latest state of " + FHIR, WAIT,
                () -> redis.hgetAll(RedisKeys.latest(FHIR)),
                m -> String.valueOf(T0 + MIN).equals(m.get("ts")));
        assertThat(fhir).contains(entry("heartRate", "72"), entry("spo2", "97"), entry("temperature", "37"),
                entry("news2", "0"), entry("knownPatient", "false"));
        assertThat(redis.zscore(RedisKeys.riskOfWard("Ward-5A"), STABLE)).isEqualTo(0.0);
    }

    @Test
    void cassandraHoldsTheFullHistoryAndTheAlerts() throws Exception {
        HistoryReader history = new HistoryReader(cassandra, settings.cassandraKeyspace());
        Instant from = Instant.ofEpochMilli(T0 - 365L * 24 * 60 * MIN);
        Instant to = Instant.ofEpochMilli(T0 + 60 * MIN);
        List<HistoryEntry> deter = Await.until("history of " + DETER, WAIT, () -> history.read(DETER, from, to),
                l -> l.size() >= 5);
        assertThat(deter).hasSize(5);
        assertThat(deter).extracting(HistoryEntry::news2).containsExactly(16, 10, 5, 4, 0); // newest first
        assertThat(deter.get(0).observation().temperature()).isEqualTo(39.2);
        assertThat(deter.get(0).subscores()).containsEntry("consciousness", 3);
        assertThat(Await.until("history of " + UNKNOWN, WAIT, () -> history.read(UNKNOWN, from, to),
                l -> l.size() >= 2))
                .allMatch(e -> !e.knownPatient());
        assertThat(Await.until("history of " + STABLE, WAIT, () -> history.read(STABLE, from, to), l -> l.size() >= 3))
                .hasSize(3);

        AlertStore store = new AlertStore(cassandra, settings.cassandraKeyspace(), settings.retentionDays());
        List<StoredAlert> deterAlerts = Await.until("stored alerts of " + DETER, WAIT, () -> store.forPatient(DETER),
                l -> l.size() >= 4);
        assertThat(deterAlerts).extracting(a -> a.condition() + " " + a.state()) // newest first
                .containsExactly("DETERIORATING ESCALATED", "NEWS2 ESCALATED", "NEWS2 OPEN", "DETERIORATING OPEN");
        assertThat(deterAlerts.get(1).alertId()).isEqualTo(AlertIds.alert(DETER, AlertCondition.NEWS2, T0 + 10 * MIN));
        assertThat(deterAlerts.get(1).reason()).contains("MEDIUM", "HIGH");
        assertThat(Await.until("stored alerts of " + COPD, WAIT, () -> store.forPatient(COPD), l -> l.size() >= 4))
                .extracting(StoredAlert::state).containsExactlyInAnyOrder("RESOLVED", "RESOLVED", "OPEN", "OPEN");
        assertThat(store.forPatient(STABLE)).isEmpty();
    }

    @Test
    void allOffsetsAreCommittedOnceEverythingIsProcessed() throws Exception {
        var end = kafka.endOffsets(settings.vitalsTopic());
        assertThat(end.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(validRecords + badRecords.size());
        var committed = Await.until("committed offsets to reach the end offsets " + end, WAIT,
                () -> kafka.committedOffsets(settings.consumerGroup()),
                c -> end.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || e.getValue().equals(c.get(e.getKey()))));
        assertThat(committed.keySet())
                .containsAll(end.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList());
    }

    /** What an operator scrapes: the dead letters counted by reason, and the spout's offsets and lag per topic. */
    @Test
    void prometheusEndpointShowsDeadLettersAndSpoutLag() throws Exception {
        URI uri = Await.until("the worker's Prometheus endpoint", WAIT, () -> PrometheusReporter.endpoint("e2e"),
                Optional::isPresent).orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> vitals = Map.of("topic", settings.vitalsTopic());
        long[] scrapeMillis = new long[1];
        String body = Await.until("vitals completed and lag 0 in the scrape", WAIT, () -> {
            long started = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            scrapeMillis[0] = (System.nanoTime() - started) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }, b -> sum(b, "kafkaOffset_totalLatestCompletedOffset", vitals) == validRecords + badRecords.size()
                && sum(b, "kafkaOffset_totalSpoutLag", vitals) == 0);
        System.out.printf("Prometheus scrape: %d bytes, %d samples, %d ms%n", body.length(),
                body.lines().filter(l -> !l.startsWith("#")).count(), scrapeMillis[0]);
        Files.writeString(Path.of("target", "e2e-metrics.prom"), body); // a real scrape, to look at

        // parse, enrich and score are one component: the parse dead letters are counted by score
        Map<String, String> score = Map.of("component", VitalStormTopology.SCORE);
        assertThat(sum(body, "vitalstorm_deadLetters_MALFORMED_JSON", score)).isEqualTo(2);
        assertThat(sum(body, "vitalstorm_deadLetters_TOO_LARGE", score)).isEqualTo(1);
        assertThat(body).contains("# TYPE kafkaOffset_spoutLag gauge\n",
                        "# TYPE vitalstorm_alertTransitions_OPEN counter\n")
                .containsPattern("kafkaOffset_spoutLag\\{[^}]*partition=\"3\"[^}]*topic=\""
                        + settings.vitalsTopic() + "\"");
    }

    /** The sum of a family's samples whose labels include {@code labels} (a parse good enough for tests). */
    private static double sum(String exposition, String family, Map<String, String> labels) {
        return exposition.lines().filter(l -> l.startsWith(family + "{") || l.startsWith(family + " "))
                .filter(l -> labels.entrySet().stream()
                        .allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\"")))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static List<JsonNode> json(List<ConsumerRecord<String, byte[]>> records) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            out.add(Json.MAPPER.readTree(r.value()));
        }
        return out;
    }

    private static JsonNode only(List<JsonNode> alerts, String patientId, String condition, String state) {
        List<JsonNode> matching = alerts.stream()
                .filter(a -> a.get("patientId").asText().equals(patientId) && a.get("state").asText().equals(state)
                        && a.get("condition").asText().equals(condition))
                .toList();
        assertThat(matching).as(patientId + " " + condition + " " + state).hasSize(1);
        return matching.get(0);
    }

    private static Map<String, Integer> subscores(JsonNode alert) {
        Map<String, Integer> m = new HashMap<>();
        alert.get("reading").get("subscores").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asInt()));
        return m;
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> names = new java.util.HashSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
