package io.vitalstorm.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.bolts.MaintenanceWorkerHook;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.coordination.FencedJobSlots;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.OperatorCredentials;
import io.vitalstorm.coordination.ThresholdsStore;
import io.vitalstorm.core.config.ArchiveSecurity;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.thresholds.ThresholdsScope;
import io.vitalstorm.maintenance.ArchiveProtection;
import io.vitalstorm.maintenance.MaintenanceService;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.ArchiveCatalog;
import io.vitalstorm.storage.cassandra.Discharges;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.SummaryStore;
import io.vitalstorm.storage.cassandra.ThresholdsAuditTable;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisKeys;
import io.vitalstorm.testsupport.Await;
import io.vitalstorm.testsupport.KafkaTestClient;
import io.vitalstorm.testsupport.ZooKeeperSessions;
import org.apache.curator.framework.CuratorFramework;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.JedisPooled;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The maintenance jobs running inside the topology (LocalCluster, worker hook) against the real
 * servers, with periods of a few seconds: care-team summaries on Kafka and in Cassandra, a history
 * day archived with its catalog entry and checksum, silent and discharged patients swept from Redis,
 * and the thresholds audit trail copied to Cassandra.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintenanceInTopologyTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TEAM_A = "Team-Maint-A";
    private static final String TEAM_B = "Team-Maint-B";
    private static final String TEAM_FO = "Team-Maint-FO";
    private static final Duration SUMMARY_PERIOD = Duration.ofSeconds(3);
    private static final LocalDate OLD_DAY = LocalDate.now(ZoneOffset.UTC).minusDays(40);

    private ServerClients servers;
    private VitalStormSettings settings;
    private KafkaTestClient kafka;
    private JedisPooled redis;
    private CqlSession cassandra;
    private LocalVitalStorm topology;
    private CuratorFramework operator;
    private ThresholdsStore thresholds;

    @BeforeAll
    void start() throws Exception {
        servers = ServerClients.open("maintit");
        settings = servers.settings;
        kafka = servers.kafka;
        redis = servers.redis;
        cassandra = servers.cassandra;
        operator = CuratorClients.startAsOperator(settings.zookeeperConnect(), settings.zookeeperRoot(),
                new OperatorCredentials("ops", "test-only-secret"));
        thresholds = new ThresholdsStore(operator, settings.zookeeperRoot(), Clock.systemUTC());

        PatientDirectory directory = new PatientDirectory(new ProfileCache(redis),
                new PatientRegistry(cassandra, settings.cassandraKeyspace()));
        for (String[] p : new String[][] {{"MT-HIGH", TEAM_A}, {"MT-LOW", TEAM_A}, {"MT-DET", TEAM_B},
                {"MT-OLD2", TEAM_B}, {"MT-FO", TEAM_FO}}) {
            directory.register(
                    new PatientProfile(p[0], null, 70, "Ward-MT", p[1], "Dr Maint", Spo2Scale.SCALE_1, null));
        }
        seedOldHistory();
        seedStaleAndDischarged();
        thresholds.ensureLayout(ThresholdsScope.GLOBAL); // the default global document, created unaudited
        ThresholdsStore.Applied first = thresholds.set(ThresholdsScope.GLOBAL,
                "{\"alertTrigger\":\"MEDIUM\"}".getBytes(StandardCharsets.UTF_8),
                thresholds.read(ThresholdsScope.GLOBAL).orElseThrow().version(), "alice",
                "audit copy test: before start");
        thresholds.set(ThresholdsScope.ward("Ward-MT"), "{\"resolveAfterMinutes\":20}".getBytes(StandardCharsets.UTF_8),
                -1, "bob", "audit copy test: ward");
        assertThat(first.change()).isGreaterThanOrEqualTo(0);

        topology = LocalVitalStorm.start(servers.infra, settings, "maintit", Map.of(
                "topology.workers", 2, // two contenders in the election
                "vitalstorm.maintenance.tick.ms", 300,
                "vitalstorm.maintenance.catchup.slots", 20,
                "vitalstorm.maintenance.summary.period.seconds", (int) SUMMARY_PERIOD.toSeconds(),
                "vitalstorm.maintenance.sweep.period.seconds", 3,
                "vitalstorm.maintenance.audit.period.seconds", 3,
                "vitalstorm.archive.after.days", 30,
                "vitalstorm.archive.catchup.days", 15));
    }

    @AfterAll
    void stop() throws Exception {
        redis.hdel(RedisKeys.OPEN_ALERTS, "MT-DET|DETERIORATING");
        for (AutoCloseable c : new AutoCloseable[] {topology, operator, servers}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Three readings of MT-HIGH and one of MT-OLD2 on a day 40 days back, written as the history bolt writes them. */
    private void seedOldHistory() throws Exception {
        HistoryWriter writer = new HistoryWriter(cassandra, settings.cassandraKeyspace(), settings.retentionDays());
        News2Scorer scorer = new News2Scorer(ScoringTables.RCP_2017);
        long t0 = OLD_DAY.atTime(10, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        List<io.vitalstorm.core.news2.ScoredObservation> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(scorer.score(
                    new EnrichedObservation(new Observation("MT-HIGH", "dev-1", t0 + i * 60_000L, 120.0, 24.0, 93.0,
                    100.0, 38.2, Consciousness.ALERT, false), PatientProfile.unknown("MT-HIGH"), true)));
        }
        rows.add(scorer.score(
                new EnrichedObservation(new Observation("MT-OLD2", null, t0 + 3_600_000L, 70.0, null, null,
                null, null, null, null), PatientProfile.unknown("MT-OLD2"), true)));
        writer.write(rows).toCompletableFuture().get();
    }

    /**
     * MT-SILENT last heard of four days ago; MT-GONE discharged a moment ago; MT-DET has an open DETERIORATING alert.
     */
    private void seedStaleAndDischarged() {
        long now = System.currentTimeMillis();
        for (String[] p : new String[][] {{"MT-SILENT", String.valueOf(now - Duration.ofDays(4).toMillis())},
                {"MT-GONE", String.valueOf(now - 60_000)}}) {
            redis.hset(RedisKeys.latest(p[0]),
                    Map.of("ts", p[1], "updatedAt", p[1], "ward", "Ward-MT", "news2", "3", "band", "LOW"));
            redis.zadd(RedisKeys.riskAll(), 3, p[0]);
            redis.zadd(RedisKeys.riskOfWard("Ward-MT"), 3, p[0]);
            redis.set(RedisKeys.episode(p[0]), "episode");
            redis.set(RedisKeys.riskState(p[0]), "state");
        }
        new Discharges(cassandra, settings.cassandraKeyspace()).discharge("MT-GONE", Instant.ofEpochMilli(now));
        redis.hset(RedisKeys.OPEN_ALERTS, RedisKeys.openAlertField("MT-GONE", "NEWS2"), "{\"alertId\":\"a-gone-1\"}");
        // MT-FO is at risk throughout, so every summary slot has a record for TEAM_FO
        redis.hset(RedisKeys.latest("MT-FO"), Map.of("ts", String.valueOf(now), "updatedAt", String.valueOf(now),
                "ward", "Ward-MT", "news2", "9", "band", "HIGH"));
        redis.zadd(RedisKeys.riskAll(), 9, "MT-FO");
        redis.hset(RedisKeys.OPEN_ALERTS, "MT-DET|DETERIORATING", "{\"alertId\":\"a-det-1\",\"patientId\":\"MT-DET\","
                + "\"condition\":\"DETERIORATING\",\"state\":\"OPEN\",\"band\":\"LOW\",\"news2\":3,"
                + "\"openedAt\":1795335300000,\"ts\":1795335300000,\"reason\":\"NEWS2 rose by 3 within 60 min\"}");
    }

    @Test
    void summariesPerCareTeamGoToKafkaAndCassandra() throws Exception {
        long now = System.currentTimeMillis();
        kafka.send(settings.vitalsTopic(), "MT-HIGH",
                Reading.full("MT-HIGH", now, 140, 30, 88, 85, 39.5, "A", false).bytes());
        kafka.send(settings.vitalsTopic(), "MT-LOW",
                Reading.full("MT-LOW", now, 70, 16, 98, 125, 37.0, "A", false).bytes());
        kafka.send(settings.vitalsTopic(), "MT-DET",
                Reading.full("MT-DET", now, 95, 20, 95, 120, 37.0, "A", false).bytes());

        JsonNode teamA = Await.until("a summary of " + TEAM_A + " listing MT-HIGH", WAIT, () -> latestSummary(TEAM_A),
                s -> s != null && s.toString().contains("MT-HIGH"));
        assertThat(teamA.get("patientsAtRisk").asInt()).isEqualTo(1); // MT-LOW scores 0 and has no open alert
        JsonNode high = teamA.get("patients").get(0);
        assertThat(high.get("patientId").asText()).isEqualTo("MT-HIGH");
        assertThat(high.get("band").asText()).isEqualTo("HIGH");
        assertThat(high.get("news2").asInt()).isEqualTo(14);
        assertThat(high.get("trend").asText()).isEqualTo("STEADY");
        assertThat(high.get("doctor").asText()).isEqualTo("Dr Maint");

        JsonNode teamB = Await.until("a summary of " + TEAM_B + " listing MT-DET", WAIT, () -> latestSummary(TEAM_B),
                s -> s != null && s.toString().contains("MT-DET"));
        JsonNode det = teamB.get("patients").get(0);
        assertThat(det.get("patientId").asText()).isEqualTo("MT-DET");
        assertThat(det.get("trend").asText()).isEqualTo("DETERIORATING");
        assertThat(det.get("openAlerts")).hasSize(1);
        assertThat(det.get("openAlerts").get(0).get("alertId").asText()).isEqualTo("a-det-1");

        Instant slot = Instant.parse(teamA.get("slot").asText());
        List<SummaryStore.Stored> stored = new SummaryStore(cassandra, settings.cassandraKeyspace(),
                settings.retentionDays())
                .forTeam(TEAM_A, slot.atZone(ZoneOffset.UTC).toLocalDate());
        assertThat(stored).filteredOn(s -> s.slot().equals(slot)).singleElement().satisfies(s -> {
            assertThat(s.summaryId()).isEqualTo(teamA.get("summaryId").asText());
            assertThat(s.json()).contains("MT-HIGH");
        });

        // one summary per team and slot: the same id however often it was sent
        assertThat(summarySlots(TEAM_A).values()).allSatisfy(ids -> assertThat(new HashSet<>(ids)).hasSize(1));
    }

    private JsonNode latestSummary(String team) throws Exception {
        List<JsonNode> all = summaries(team);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private List<JsonNode> summaries(String team) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : kafka.snapshot(settings.summariesTopic())) {
            if (team.equals(r.key())) {
                out.add(Json.MAPPER.readTree(r.value()));
            }
        }
        return out;
    }

    /** Summary slot to the summary ids published for it, in slot order. */
    private TreeMap<String, List<String>> summarySlots(String team) throws Exception {
        TreeMap<String, List<String>> out = new TreeMap<>();
        for (JsonNode s : summaries(team)) {
            out.computeIfAbsent(s.get("slot").asText(), k -> new ArrayList<>()).add(s.get("summaryId").asText());
        }
        return out;
    }

    @Test
    void whenTheLeadersSessionIsKilledTheOtherWorkerGoesOnWithoutGapOrRepeat() throws Exception {
        List<MaintenanceService> contenders = Await.until("a maintenance contender in each of the two workers", WAIT,
                () -> MaintenanceWorkerHook.runningInThisJvm(settings.zookeeperRoot()), l -> l.size() == 2);
        MaintenanceService leader = Await.until("a leader", WAIT,
                () -> contenders.stream().filter(c -> c.scheduler().isLeader()).findFirst(), Optional::isPresent)
                .orElseThrow();
        MaintenanceService other = contenders.get(contenders.get(0) == leader ? 1 : 0);
        Await.until("two summary slots of " + TEAM_FO, WAIT, () -> summarySlots(TEAM_FO).size(), n -> n >= 2);

        long killedAt = System.nanoTime();
        String slotAtKill = FencedJobSlots.slotOf(Instant.now(), SUMMARY_PERIOD);
        ZooKeeperSessions.kill(settings.zookeeperConnect(), leader.zookeeper().getZookeeperClient().getZooKeeper());
        Await.until("the other worker to lead", Duration.ofSeconds(15), () -> other.scheduler().isLeader(), l -> l);
        System.out.printf("maintenance failover in LocalCluster: %s leads %d ms after %s's session was killed%n",
                other.scheduler().contenderId(), (System.nanoTime() - killedAt) / 1_000_000,
                leader.scheduler().contenderId());
        Await.until("three summary slots after the kill", WAIT,
                () -> summarySlots(TEAM_FO).tailMap(slotAtKill, false).size(), n -> n >= 3);

        TreeMap<String, List<String>> slots = summarySlots(TEAM_FO);
        List<String> names = new ArrayList<>(slots.keySet());
        for (int i = 1; i < names.size(); i++) {
            assertThat(Duration.between(Instant.parse(names.get(i - 1)), Instant.parse(names.get(i))))
                    .as("no summary slot skipped between " + names.get(i - 1) + " and " + names.get(i))
                    .isEqualTo(SUMMARY_PERIOD);
        }
        // a slot is completed once; only a leader killed between publishing and completing leaves a repeat,
        // and that repeat carries the same summaryId for consumers to drop
        Map<String, List<String>> repeated = new TreeMap<>(slots);
        repeated.values().removeIf(ids -> ids.size() == 1);
        assertThat(repeated).as("repeated slots").hasSizeLessThanOrEqualTo(1);
        repeated.forEach((slot, ids) -> assertThat(new HashSet<>(ids)).as("ids of " + slot).hasSize(1));
        assertThat(leader.scheduler().isLeader()).isFalse();
    }

    @Test
    void anOldHistoryDayIsArchivedWithACatalogEntryAndChecksum() throws Exception {
        ArchiveCatalog catalog = new ArchiveCatalog(cassandra, settings.cassandraKeyspace());
        ArchiveCatalog.Entry entry = Await.until("the catalog entry of " + OLD_DAY, WAIT,
                () -> catalog.list(ArchiveCatalog.OBSERVATIONS, OLD_DAY, OLD_DAY), l -> !l.isEmpty()).get(0);
        assertThat(entry.rows()).isEqualTo(4);
        assertThat(entry.patients()).containsExactlyInAnyOrder("MT-HIGH", "MT-OLD2");
        assertThat(entry.from()).isEqualTo(OLD_DAY.atTime(10, 0).toInstant(ZoneOffset.UTC));
        assertThat(entry.to()).isEqualTo(OLD_DAY.atTime(11, 0).toInstant(ZoneOffset.UTC));

        // the demo's settings protect archives: owner-only, encrypted for its day, keyed checksum in the catalog
        Path file = Path.of(entry.location());
        assertThat(file.getFileName().toString()).isEqualTo("observations-" + OLD_DAY + ".jsonl.gz.enc");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(entry.encryption()).isEqualTo(ArchiveProtection.ENCRYPTED);
        assertThat(entry.hmac()).isNotBlank();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .isEqualTo(entry.sha256());
        assertThat((long) bytes.length).isEqualTo(entry.bytes());
        assertThatThrownBy(() -> new GZIPInputStream(Files.newInputStream(file))).as("not readable without the key")
                .isInstanceOf(java.io.IOException.class);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : archiveCli("read", "--day", OLD_DAY.toString()).split("\n")) {
            lines.add(Json.MAPPER.readTree(line));
        }
        assertThat(lines).extracting(l -> l.get("patient_id").asText())
                .containsExactly("MT-HIGH", "MT-HIGH", "MT-HIGH", "MT-OLD2");
        assertThat(lines.get(0).get("heart_rate").asDouble()).isEqualTo(120.0);
        assertThat(lines.get(0).get("band").asText()).isEqualTo("HIGH");
        String day = OLD_DAY.toString();
        assertThat(archiveCli("verify", "--from", day, "--to", day)).contains(day + "  OK  " + file);
        byte[] tampered = bytes.clone();
        tampered[tampered.length / 2] ^= 1;
        Files.write(file, tampered);
        try {
            assertThat(Cli.runExpectingExit(2, archiveArgs("verify", "--from", day, "--to", day)))
                    .contains(day + "  FAILED").contains("keyed checksum does not match");
        } finally {
            Files.write(file, bytes);
        }

        String all = archiveCli("list", "--from", OLD_DAY.toString(), "--to", OLD_DAY.toString());
        assertThat(all).contains(OLD_DAY.toString()).contains("rows 4").contains("patients 2").contains(entry.sha256());
        assertThat(archiveCli("list", "--patient", "MT-HIGH")).contains(OLD_DAY + "  observations  MT-HIGH  rows 3")
                .contains(entry.location());
        assertThat(archiveCli("list", "--patient", "MT-NOBODY")).isEmpty();
    }

    /**
     * {@code vitalstorm archive ARGS --config <this test's Cassandra and archive keysets>}, as an operator would run
     * it.
     */
    private String archiveCli(String... args) throws Exception {
        return Cli.run(archiveArgs(args));
    }

    private String[] archiveArgs(String... args) throws Exception {
        ArchiveSecurity keys = settings.archiveSecurity();
        Path config = Files.writeString(Files.createTempFile("maint", ".yaml"),
                "vitalstorm.cassandra.contact.points: \"" + settings.cassandraContactPoints() + "\"\n"
                        + "vitalstorm.cassandra.keyspace: \"" + settings.cassandraKeyspace() + "\"\n"
                        + ArchiveSecurity.ENCRYPTION_KEYSET_FILE.key() + ": \"" + keys.encryptionKeysetFile() + "\"\n"
                        + ArchiveSecurity.CHECKSUM_KEYSET_FILE.key() + ": \"" + keys.checksumKeysetFile() + "\"\n");
        List<String> argv = new ArrayList<>(List.of("archive"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--config", config.toString()));
        return argv.toArray(String[]::new);
    }

    @Test
    void silentAndDischargedPatientsAreSweptFromRedis() throws Exception {
        for (String p : List.of("MT-SILENT", "MT-GONE")) {
            Await.until(p + " to leave the risk board", WAIT, () -> redis.zscore(RedisKeys.riskAll(), p),
                    s -> s == null);
            assertThat(redis.zscore(RedisKeys.riskOfWard("Ward-MT"), p)).isNull();
            assertThat(redis.exists(RedisKeys.latest(p), RedisKeys.episode(p), RedisKeys.riskState(p))).isZero();
        }
        assertThat(redis.hexists(RedisKeys.OPEN_ALERTS, RedisKeys.openAlertField("MT-GONE", "NEWS2"))).isFalse();
    }

    @Test
    void everyThresholdsAuditRecordIsCopiedToCassandra() throws Exception {
        ThresholdsAuditTable table = new ThresholdsAuditTable(cassandra, settings.cassandraKeyspace());
        List<ThresholdsAuditTable.AuditRecord> global = Await.until("the global audit records in Cassandra", WAIT,
                () -> table.history("global"), l -> !l.isEmpty());
        assertThat(global).singleElement().satisfies(r -> {
            assertThat(r.who()).isEqualTo("alice");
            assertThat(r.why()).isEqualTo("audit copy test: before start");
            assertThat(r.after()).isEqualTo("{\"alertTrigger\":\"MEDIUM\"}");
        });
        assertThat(table.history("wards/Ward-MT")).extracting(ThresholdsAuditTable.AuditRecord::who)
                .containsExactly("bob");

        // a change made while the topology runs arrives too
        int version = thresholds.read(ThresholdsScope.GLOBAL).orElseThrow().version();
        ThresholdsStore.Applied later = thresholds.set(ThresholdsScope.GLOBAL,
                "{\"alertTrigger\":\"HIGH\"}".getBytes(StandardCharsets.UTF_8),
                version, "carol", "audit copy test: while running");
        List<ThresholdsAuditTable.AuditRecord> after = Await.until("the later change in Cassandra", WAIT,
                () -> table.history("global"), l -> l.size() == 2);
        assertThat(after.get(0).change()).isEqualTo(later.change());
        assertThat(after.get(0).who()).isEqualTo("carol");
        assertThat(after.get(0).before()).isEqualTo("{\"alertTrigger\":\"MEDIUM\"}");
    }
}
