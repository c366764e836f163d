package io.vitalstorm.it;

import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.cli.Main;
import io.vitalstorm.infra.PostgresServerProcess;
import io.vitalstorm.storage.cassandra.ChangeSource;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.RegistryChange;
import io.vitalstorm.storage.redis.RedisKeys;
import io.vitalstorm.testsupport.Await;
import io.vitalstorm.testsupport.HospitalDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry following the hospital's PostgreSQL while the topology runs: the elected leader's
 * sync job registers the admitted patient, a transfer in SQL reaches the stream — the next
 * readings carry the new ward and are scored with that ward's thresholds — and the time from the
 * SQL commit to the first reading enriched with it is measured. A malformed row is reported by
 * {@code patients sync} and changes nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistrySyncTopologyTest {

    private static final long T0 = Instant.parse("2026-10-01T08:00:00Z").toEpochMilli();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String PATIENT = "RS-001";

    private ServerClients servers;
    private PostgresServerProcess postgres;
    private HospitalDatabase hospital;
    private LocalVitalStorm topology;
    private PatientRegistry registry;
    private Path config;
    private long nextTs = T0;

    @BeforeAll
    void start() throws Exception {
        servers = ServerClients.open("regsync");
        Path dir = Files.createDirectories(Path.of("target", "registry-sync-it")).toAbsolutePath();
        postgres = new PostgresServerProcess(Path.of("target", "postgres-" + ProcessHandle.current().pid()));
        postgres.start();
        hospital = HospitalDatabase.create("jdbc:postgresql://" + postgres.address(), PostgresServerProcess.SUPERUSER,
                postgres.passwordFile(), "hospital", dir);
        hospital.ward("3B", "team-3b");
        hospital.ward("5A", "team-5a");
        hospital.staff("S1", "Dr Osei");
        hospital.admit(PATIENT, "MRN001", "Robin", "1950-03-04", 1, "3B", "S1");
        registry = new PatientRegistry(servers.cassandra, servers.settings.cassandraKeyspace());

        Map<String, Object> sync = hospital.syncSettings("hospital");
        List<String> yaml = servers.configLines();
        sync.forEach((k, v) -> yaml.add(k + ": \"" + v + "\""));
        config = Files.write(dir.resolve("vitalstorm.yaml"), yaml);

        // ward 5A's own chart: heart rate up to 120 scores 0 there (a cardiology step-down ward)
        Path chart = Files.writeString(dir.resolve("ward-5a.json"),
                "{\"scoring\":{\"heartRate\":[{\"upTo\":40,\"score\":3},"
                + "{\"upTo\":50,\"score\":1},{\"upTo\":120,\"score\":0},{\"upTo\":130,\"score\":2},{\"score\":3}]}}");
        Path auth = Files.writeString(dir.resolve("operator.secret"), "ops:test-only-secret\n");
        Cli.run("thresholds", "set", chart.toString(), "--ward", "5A", "--reason", "step-down ward chart",
                "--config", config.toString(), "--auth-file", auth.toString());

        Map<String, Object> extra = new HashMap<>(sync);
        extra.put("vitalstorm.registry.sql.period.seconds", 1);
        extra.put("vitalstorm.maintenance.tick.ms", 200);
        topology = LocalVitalStorm.start(servers.infra, servers.settings, "regsync", extra);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {topology, servers, postgres}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** A reading that scores HR 115 (2 on the standard chart, 0 on ward 5A's) and nothing else. */
    private long send() throws Exception {
        long ts = nextTs;
        nextTs += 1_000;
        servers.kafka.send(servers.settings.vitalsTopic(), PATIENT,
                Reading.full(PATIENT, ts, 115, 16, 97, 125, 37.0, "A", false).bytes());
        return ts;
    }

    /** Sends a reading and notes when, by its ts. */
    private void sendTimed(Map<Long, Long> sentAt) throws Exception {
        long ts = send();
        sentAt.put(ts, System.nanoTime());
    }

    private Map<String, String> latest() {
        return servers.redis.hgetAll(RedisKeys.latest(PATIENT));
    }

    @Test
    @Order(1)
    void theLeadersSyncJobRegistersTheAdmittedPatientAndTheStreamIsEnrichedWithIt() throws Exception {
        Await.until("RS-001 registered from SQL", WAIT, () -> registry.findRecord(PATIENT), r -> r.isPresent());
        long ts = send();
        Map<String, String> latest = Await.until("first reading scored", WAIT, this::latest,
                m -> String.valueOf(ts).equals(m.get("ts")));
        assertThat(latest).containsEntry("ward", "3B").containsEntry("knownPatient", "true")
                .containsEntry("news2", "2");
        assertThat(registry.history(PATIENT)).extracting(RegistryChange::kind, RegistryChange::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("created", ChangeSource.SQL));
    }

    @Test
    @Order(2)
    void aTransferInSqlReachesTheNextReadingsWithTheNewWardsThresholds() throws Exception {
        hospital.transfer(PATIENT, "5A");
        long committed = System.nanoTime();
        Map<Long, Long> sentAt = new HashMap<>();
        sendTimed(sentAt);
        // a reading every 100 ms, each followed by a look at the latest scored state, until one carries 5A
        Map<String, String> enriched = await("a reading enriched with ward 5A").atMost(WAIT)
                .pollDelay(Duration.ofMillis(100)).pollInterval(Duration.ofMillis(100)).pollInSameThread()
                .until(() -> {
                    Map<String, String> latest = latest();
                    if (!"5A".equals(latest.get("ward"))) {
                        sendTimed(sentAt);
                    }
                    return latest;
                }, latest -> "5A".equals(latest.get("ward")));
        long seen = System.nanoTime();
        long firstTs = Long.parseLong(enriched.get("ts"));
        // readings sent before it carried 3B: the first one with 5A is the earliest ts whose ward is 5A
        System.out.printf(
                "registry sync: SQL commit -> first reading enriched with the new ward: sent %d ms after the commit, "
                        + "its scored state in Redis %d ms after the commit%n",
                (sentAt.get(firstTs) - committed) / 1_000_000, (seen - committed) / 1_000_000);
        assertThat(enriched).containsEntry("news2", "0");
        assertThat(registry.history(PATIENT).get(0).detail()).contains("ward 3B -> 5A");
        assertThat(Cli.run("patients", "history", PATIENT, "--config", config.toString()))
                .contains("SQL (as of ", "updated  from SQL hospital: ward 3B -> 5A", "created  from SQL hospital");
        assertThat(Duration.ofNanos(seen - committed)).as("within seconds").isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @Order(3)
    void aMalformedRowIsReportedByTheCliAndTheStreamGoesOn() throws Exception {
        hospital.admit("RS-BAD", "MRN666", "Bad", "1970-01-01", 7, "3B", "S1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"patients", "sync", "--config", config.toString(), "--name", "cli-check"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isEqualTo(2);
        assertThat(text).contains("malformed=1", "patient RS-BAD", "SpO2 scale '7' is neither 1 nor 2");
        assertThat(registry.findRecord("RS-BAD")).isEmpty();

        long ts = send();
        Map<String, String> latest = Await.until("a reading after the bad row", WAIT, this::latest,
                m -> String.valueOf(ts).equals(m.get("ts")));
        assertThat(latest).containsEntry("ward", "5A");
        assertThat(topology).isNotNull();
        assertThat(registry.history(PATIENT).stream().map(RegistryChange::kind).collect(Collectors.toList()))
                .containsExactly("updated", "created");
    }
}
