package io.vitalstorm.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.ChangeSource;
import io.vitalstorm.storage.cassandra.Discharges;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.RegistryChange;
import io.vitalstorm.storage.cassandra.RegistryRecord;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisKeys;
import io.vitalstorm.testsupport.AdtMessages;
import io.vitalstorm.testsupport.Await;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ADT events on their Kafka topic while the topology runs: an admission of a patient the registry
 * does not know (created provisionally, flagged), a transfer in the middle of an alert episode
 * (the next escalation goes to the new ward's care team), a discharge (the open alert resolves
 * with reason "discharged"), and bad messages (dead-letter topic, with the reason).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdtTopologyTest {

    private static final long T0 = Instant.parse("2026-10-01T08:00:00Z").toEpochMilli();
    private static final long MIN = 60_000;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private ServerClients servers;
    private LocalVitalStorm topology;
    private PatientRegistry registry;

    @BeforeAll
    void start() throws Exception {
        servers = ServerClients.open("adt");
        registry = new PatientRegistry(servers.cassandra, servers.settings.cassandraKeyspace());
        new PatientDirectory(new ProfileCache(servers.redis), registry)
                .register(new PatientProfile("ADT-ESC", "Robin", 76,
                "3B", "team-3b", "Dr Osei", Spo2Scale.SCALE_1, "sms:+44700"));
        topology = LocalVitalStorm.start(servers.infra, servers.settings, "adt", Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {topology, servers}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private void adt(String key, byte[] message) throws Exception {
        servers.kafka.send(servers.settings.adtTopic(), key, message);
    }

    /** NEWS2 5 (MEDIUM): opens an alert on the default trigger and keeps it open. */
    private void medium(String patientId, long ts) throws Exception {
        servers.kafka.send(servers.settings.vitalsTopic(), patientId,
                Reading.full(patientId, ts, 105, 22, 95, 108, 38.0, "A", false).bytes());
    }

    private Map<String, String> latestAt(String patientId, long ts) throws Exception {
        return Await.until("latest of " + patientId + " at " + ts, WAIT,
                () -> servers.redis.hgetAll(RedisKeys.latest(patientId)),
                m -> String.valueOf(ts).equals(m.get("ts")));
    }

    private List<JsonNode> alerts(String patientId, Predicate<JsonNode> which, int atLeast) throws Exception {
        return Await.until(atLeast + " alerts of " + patientId, WAIT, () -> {
            List<JsonNode> out = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : servers.kafka.snapshot(servers.settings.clinicianAlertsTopic())) {
                JsonNode a = tree(r.value());
                if (patientId.equals(r.key()) && which.test(a)) {
                    out.add(a);
                }
            }
            return out;
        }, l -> l.size() >= atLeast);
    }

    private static JsonNode tree(byte[] v) {
        try {
            return Json.MAPPER.readTree(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void anAdmissionOfAnUnknownPatientCreatesAProvisionalFlaggedProfileThatEnrichesTheStream() throws Exception {
        adt("ADT-NEW", AdtMessages.hl7("A01", "M100", "ADT-NEW", "MRN100", "3B", "team-3b", "202610010800+0000"));
        RegistryRecord created = Await.until("ADT-NEW in the registry", WAIT, () -> registry.findRecord("ADT-NEW"),
                Optional::isPresent).get();
        assertThat(created.provisional()).isTrue();
        assertThat(created.source()).isEqualTo(ChangeSource.ADT);
        assertThat(created.identifiers()).containsEntry("mrn", "MRN100");
        assertThat(created.profile().careTeam()).isEqualTo("team-3b");
        assertThat(registry.history("ADT-NEW").get(0).kind()).isEqualTo("created-provisional");

        medium("ADT-NEW", T0);
        assertThat(latestAt("ADT-NEW", T0)).containsEntry("ward", "3B").containsEntry("knownPatient", "true");

        // a FHIR Encounter moves them on: same registry path, other format
        adt("ADT-NEW",
                AdtMessages.encounter("enc-100", "in-progress", "ADT-NEW", "5A", "team-5a",
                        "2026-10-01T10:12:00+00:00", null));
        Await.until("ADT-NEW transferred", WAIT, () -> registry.find("ADT-NEW").map(PatientProfile::ward),
                w -> w.equals(Optional.of("5A")));
        RegistryChange transfer = registry.history("ADT-NEW").get(0);
        assertThat(transfer.kind()).isEqualTo("transfer");
        assertThat(transfer.sourceTime()).isEqualTo(Instant.parse("2026-10-01T10:12:00Z"));
        assertThat(transfer.detail())
                .contains("FHIR Encounter/enc-100", "ward 3B -> 5A", "careTeam team-3b -> team-5a");
    }

    @Test
    @Order(2)
    void aTransferMidEpisodeSendsTheNextEscalationToTheNewCareTeamAndADischargeResolvesTheAlert() throws Exception {
        for (long m = 0; m <= 5; m++) {
            medium("ADT-ESC", T0 + m * MIN);
        }
        JsonNode opened = alerts("ADT-ESC", a -> a.get("condition").asText().equals("NEWS2"), 1).get(0);
        assertThat(opened.get("state").asText()).isEqualTo("OPEN");
        assertThat(opened.get("patient").get("careTeam").asText()).isEqualTo("team-3b");

        adt("ADT-ESC", AdtMessages.hl7("A02", "M200", "ADT-ESC", "MRN200", "5A", "team-5a", "202610010806+0000"));
        Await.until("ADT-ESC transferred", WAIT, () -> registry.find("ADT-ESC").map(PatientProfile::ward),
                w -> w.equals(Optional.of("5A")));
        // until a reading is enriched with the new ward: 500 ms after each one that was not, the next minute's
        AtomicLong last = new AtomicLong(T0 + 5 * MIN);
        AtomicBoolean firstLook = new AtomicBoolean(true);
        await("ADT-ESC's readings to carry ward 5A").atMost(WAIT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500)).pollInSameThread().until(() -> {
                    if (!firstLook.getAndSet(false)) {
                        medium("ADT-ESC", last.addAndGet(MIN));
                    }
                    if ("5A".equals(latestAt("ADT-ESC", last.get()).get("ward"))) {
                        return true;
                    }
                    assertThat(last.get()).as("the transfer reaches the stream within a few readings")
                            .isLessThan(T0 + 13 * MIN);
                    return false;
                });
        for (long t = last.get() + MIN; t <= T0 + 16 * MIN; t += MIN) {
            medium("ADT-ESC", t);
        }
        JsonNode escalated = alerts("ADT-ESC", a -> a.get("condition").asText().equals("NEWS2")
                && a.get("state").asText().equals("ESCALATED"), 1).get(0);
        assertThat(escalated.get("patient").get("careTeam").asText()).isEqualTo("team-5a");
        assertThat(escalated.get("patient").get("ward").asText()).isEqualTo("5A");

        adt("ADT-ESC", AdtMessages.hl7("A03", "M201", "ADT-ESC", "MRN200", "5A", "team-5a", "202610021200+0000"));
        JsonNode resolved = alerts("ADT-ESC", a -> a.get("condition").asText().equals("NEWS2")
                && a.get("state").asText().equals("RESOLVED"), 1).get(0);
        assertThat(resolved.get("reason").asText()).startsWith("discharged").contains("HL7 ADT^A03 M201");
        assertThat(resolved.get("alertId").asText()).isEqualTo(opened.get("alertId").asText());
        assertThat(servers.redis.hexists(RedisKeys.OPEN_ALERTS, RedisKeys.openAlertField("ADT-ESC", "NEWS2")))
                .isFalse();
        assertThat(new Discharges(servers.cassandra, servers.settings.cassandraKeyspace()).recent())
                .containsEntry("ADT-ESC", Instant.parse("2026-10-02T12:00:00Z"));
        assertThat(registry.history("ADT-ESC")).extracting(RegistryChange::kind).startsWith("discharged", "transfer");

        // a transfer from before the discharge, arriving after it, changes nothing
        adt("ADT-ESC", AdtMessages.hl7("A02", "M199", "ADT-ESC", "MRN200", "ICU", "team-icu", "202610020900+0000"));
        Await.until("stale event noted", WAIT, () -> registry.history("ADT-ESC").get(0).kind(), k -> k.equals("stale"));
        assertThat(registry.find("ADT-ESC").orElseThrow().ward()).isEqualTo("5A");
    }

    @Test
    @Order(3)
    void badAdtMessagesGoToTheDeadLetterTopicWithTheReason() throws Exception {
        adt("x", "not an ADT message".getBytes(StandardCharsets.UTF_8));
        adt("x", "MSH|garbage".getBytes(StandardCharsets.UTF_8));
        adt("x", AdtMessages.hl7("A05", "M300", "ADT-X", "MRN300", "3B", "t", "202610010800+0000"));
        adt("x", "{\"resourceType\":\"Encounter\",\"status\":\"in-progress\"}".getBytes(StandardCharsets.UTF_8));
        List<JsonNode> letters = Await.until("ADT dead letters", WAIT,
                () -> servers.kafka.snapshot(servers.settings.deadLetterTopic())
                .stream().map(r -> tree(r.value()))
                .filter(l -> l.get("sourceTopic").asText().equals(servers.settings.adtTopic()))
                .toList(), l -> l.size() >= 4);
        assertThat(letters).extracting(l -> l.get("reasonCode").asText())
                .containsExactlyInAnyOrder("UNKNOWN_CODE", "MALFORMED_HL7", "UNKNOWN_CODE", "MISSING_FIELD");
        assertThat(registry.findRecord("ADT-X")).isEmpty();
        // the topology is still up: a reading goes through
        medium("ADT-NEW", T0 + MIN);
        assertThat(latestAt("ADT-NEW", T0 + MIN)).containsEntry("ward", "5A");
    }
}
