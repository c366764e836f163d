package io.vitalstorm.registrysync;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.PatientIdentifier;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.infra.PostgresServerProcess;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.ChangeSource;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.RegistryChange;
import io.vitalstorm.storage.cassandra.RegistryRecord;
import io.vitalstorm.storage.cassandra.RegistrySyncState;
import io.vitalstorm.storage.redis.OpenAlertIndex;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import io.vitalstorm.testsupport.HospitalDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.JedisPooled;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SQL registry sync against a real PostgreSQL holding a hospital-like schema, writing to the
 * real Cassandra registry and Redis cache: incremental runs, field-by-field merge with ADT changes,
 * malformed rows, deletions held while the patient is under an active alert, the full diff.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlRegistrySyncTest {

    private PostgresServerProcess postgres;
    private HospitalDatabase hospital;
    private VitalStormSettings settings;
    private CqlSession cassandra;
    private JedisPooled redis;
    private PatientDirectory directory;
    private RegistrySyncState state;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        dir = Files.createDirectories(Path.of("target", "sql-sync-test")).toAbsolutePath();
        postgres = new PostgresServerProcess(Path.of("target", "postgres-" + ProcessHandle.current().pid()));
        long started = System.nanoTime();
        postgres.start();
        System.out.printf("postgres: initdb + start in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        hospital = HospitalDatabase.create("jdbc:postgresql://" + postgres.address(), PostgresServerProcess.SUPERUSER,
                postgres.passwordFile(), "hospital", dir);
        hospital.ward("3B", "team-3b");
        hospital.ward("5A", "team-5a");
        hospital.staff("S1", "Dr Osei");
        hospital.staff("S2", "Dr Lindqvist");

        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        conf.put("vitalstorm.redis.host", infra.redisHost());
        conf.put("vitalstorm.redis.port", infra.redisPort());
        conf.put("vitalstorm.cassandra.contact.points", infra.cassandraHost() + ":" + infra.cassandraPort());
        conf.put("vitalstorm.cassandra.local.datacenter", infra.cassandraLocalDatacenter());
        conf.put("vitalstorm.cassandra.keyspace", "vitalstorm_sqlsync");
        settings = VitalStormSettings.fromMap(conf);
        cassandra = CassandraSessions.open(settings);
        redis = RedisClients.open(settings);
        directory = new PatientDirectory(new ProfileCache(redis),
                new PatientRegistry(cassandra, settings.cassandraKeyspace()));
        state = new RegistrySyncState(cassandra, settings.cassandraKeyspace());
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {cassandra, redis, postgres}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private SyncReport sync(Map<String, Object> sql) throws Exception {
        RegistrySqlSettings s = RegistrySqlSettings.fromMap(sql);
        SyncReport report = new RegistrySync(s, directory, state, new OpenAlertIndex(redis), Clock.systemUTC())
                .run(() -> { });
        report.lines().forEach(System.out::println);
        return report;
    }

    private Map<String, Object> incremental() {
        return hospital.syncSettings("hospital-incremental");
    }

    @Test
    @Order(1)
    void theFirstRunRegistersEveryAdmittedPatientWithHistory() throws Exception {
        hospital.admit("P-001", "MRN001", "Robin", "1950-03-04", 1, "3B", "S1");
        hospital.admit("P-002", "MRN002", "Kim", "1971-11-30", 2, "3B", "S2");

        SyncReport report = sync(incremental());

        assertThat(report.created()).isEqualTo(2);
        assertThat(report.malformed()).isEmpty();
        RegistryRecord p1 = directory.registry().findRecord("P-001").orElseThrow();
        int age = Period.between(LocalDate.of(1950, 3, 4), LocalDate.now(ZoneOffset.UTC)).getYears();
        assertThat(p1.profile()).isEqualTo(new PatientProfile("P-001", "Robin", age, "3B", "team-3b", "Dr Osei",
                Spo2Scale.SCALE_1, "sms:+44700MRN001", List.of(new PatientIdentifier("mrn", "MRN001"))));
        assertThat(p1.identifiers()).containsEntry("mrn", "MRN001");
        assertThat(p1.source()).isEqualTo(ChangeSource.SQL);
        assertThat(directory.find("P-002").orElseThrow().spo2Scale()).isEqualTo(Spo2Scale.SCALE_2);
        List<RegistryChange> history = directory.registry().history("P-001");
        assertThat(history).extracting(RegistryChange::kind, RegistryChange::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("created", ChangeSource.SQL));

        assertThat(sync(incremental()).unchanged()).as("a second run re-reads the overlap and changes nothing")
                .isEqualTo(2);
    }

    @Test
    @Order(2)
    void aTransferInSqlChangesTheWardAndCareTeamAndInvalidatesTheCache() throws Exception {
        assertThat(directory.find("P-001").orElseThrow().ward()).isEqualTo("3B"); // now cached in Redis
        assertThat(redis.exists(RedisKeys.profile("P-001"))).isTrue();
        long version = directory.cacheVersion();

        hospital.transfer("P-001", "5A");
        SyncReport report = sync(incremental());

        assertThat(report.updated()).isEqualTo(1);
        assertThat(redis.exists(RedisKeys.profile("P-001"))).as("the Redis entry is dropped").isFalse();
        assertThat(directory.cacheVersion()).as("in-task caches are told").isGreaterThan(version);
        PatientProfile p = directory.find("P-001").orElseThrow();
        assertThat(p.ward()).isEqualTo("5A");
        assertThat(p.careTeam()).isEqualTo("team-5a");
        RegistryChange last = directory.registry().history("P-001").get(0);
        assertThat(last.kind()).isEqualTo("updated");
        assertThat(last.detail()).contains("ward 3B -> 5A", "careTeam team-3b -> team-5a");
        assertThat(last.before()).contains("\"ward\":\"3B\"");
        assertThat(last.after()).contains("\"ward\":\"5A\"");
    }

    @Test
    @Order(3)
    void malformedRowsAreReportedAndTheOthersStillApplied() throws Exception {
        hospital.admit("P-BAD-SCALE", "MRN900", "Alex", "1980-01-01", 3, "3B", "S1");
        hospital.admit("P-FUTURE", "MRN901", "Sam", "2999-01-01", 1, "3B", "S1");
        hospital.admit("P-003", "MRN003", "Noor", "1990-06-15", 1, "5A", "S2");

        SyncReport report = sync(incremental());

        assertThat(report.created()).isEqualTo(1);
        assertThat(report.malformed()).hasSize(2);
        assertThat(String.join("\n", report.malformed()))
                .contains("patient P-BAD-SCALE", "SpO2 scale '3' is neither 1 nor 2")
                .contains("patient P-FUTURE", "outside 0..130");
        assertThat(directory.registry().findRecord("P-BAD-SCALE")).isEmpty();
        assertThat(directory.find("P-003")).isPresent();
    }

    @Test
    @Order(4)
    void aNewerAdtTransferWinsOverAnOlderSqlChangeOfTheSameFieldAndTheConflictIsReported() throws Exception {
        RegistryRecord before = directory.registry().findRecord("P-002").orElseThrow();
        Instant adtTime = Instant.now();
        RegistryRecord moved =
                new RegistryRecord(new PatientProfile("P-002", "Kim", before.profile().age(), "ICU", "team-icu",
                before.profile().responsibleDoctor(), before.profile().spo2Scale(), before.profile().contactChannel()),
                before.identifiers(), ChangeSource.ADT, adtTime, false);
        directory.apply(moved, Optional.of(before), "transfer", "ADT A02");
        // the hospital's database catches up late, and with an older change time; SQL also changes the contact
        hospital.update(
                "UPDATE admissions SET ward_code = '5A', updated_at = clock_timestamp() - interval '30 seconds' "
                + "WHERE patient_id = 'P-002'");
        hospital.update(
                "UPDATE patients SET contact = 'app:device-77', updated_at = clock_timestamp() - interval '30 seconds' "
                + "WHERE patient_id = 'P-002'");

        SyncReport report = sync(incremental());

        assertThat(report.conflicts()).hasSize(2);
        assertThat(report.conflicts().get(0)).contains("P-002 ward: kept ICU (ADT at", "SQL has 5A");
        assertThat(report.conflicts().get(1)).contains("P-002 careTeam: kept team-icu (ADT at", "SQL has team-5a");
        PatientProfile now = directory.find("P-002").orElseThrow();
        assertThat(now.ward()).isEqualTo("ICU");
        assertThat(now.contactChannel()).as("the field only SQL changed is taken").isEqualTo("app:device-77");
        assertThat(directory.registry().history("P-002")).extracting(RegistryChange::kind)
                .contains("conflict", "transfer");
    }

    @Test
    @Order(5)
    void aDeletionOfAPatientUnderActiveAlertIsHeldUntilTheAlertCloses() throws Exception {
        String openField = RedisKeys.openAlertField("P-003", "NEWS2");
        redis.hset(RedisKeys.OPEN_ALERTS, openField, "{\"alertId\":\"a1\"}");
        hospital.update(
                "UPDATE patients SET deleted = true, updated_at = clock_timestamp() WHERE patient_id = 'P-003'");

        SyncReport held = sync(incremental());
        assertThat(held.heldDeletions()).singleElement().asString().contains("P-003", "under active alert (NEWS2)");
        assertThat(directory.find("P-003")).isPresent();
        assertThat(sync(incremental()).heldDeletions()).as("reported again each run").hasSize(1);

        redis.hdel(RedisKeys.OPEN_ALERTS, openField);
        SyncReport applied = sync(incremental());
        assertThat(applied.deleted()).isEqualTo(1);
        assertThat(applied.heldDeletions()).isEmpty();
        assertThat(directory.find("P-003")).isEmpty();
        assertThat(directory.registry().history("P-003").get(0).kind()).isEqualTo("deleted");
    }

    @Test
    @Order(6)
    void aFullDiffWithoutUpdateColumnSeesChangesAndRowsThatAreGone() throws Exception {
        Map<String, Object> full = hospital.syncSettings("hospital-full");
        full.remove("vitalstorm.registry.sql.updated.column");
        full.put("vitalstorm.registry.sql.query", "SELECT p.patient_id, p.pseudonym AS name, a.ward_code AS ward "
                + "FROM patients p JOIN admissions a ON a.patient_id = p.patient_id AND a.discharged_at IS NULL "
                + "WHERE p.patient_id LIKE 'F-%'");
        full.remove("vitalstorm.registry.sql.identifier.mrn");
        hospital.admit("F-1", "MRNF1", "Ada", "1960-01-01", 1, "3B", "S1");
        hospital.admit("F-2", "MRNF2", "Bo", "1960-01-01", 1, "3B", "S1");
        assertThat(sync(full).created()).isEqualTo(2);

        hospital.transfer("F-1", "5A");
        hospital.update("UPDATE admissions SET discharged_at = clock_timestamp() WHERE patient_id = 'F-2'");
        SyncReport report = sync(full);

        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(directory.find("F-1").orElseThrow().ward()).isEqualTo("5A");
        assertThat(directory.find("F-2")).isEmpty();
    }

    @Test
    @Order(7)
    void aMappingToAMissingColumnOrAnOpenPasswordFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        Map<String, Object> wrongColumn = incremental();
        wrongColumn.put("vitalstorm.registry.sql.column.ward", "ward_code_typo");
        assertThatThrownBy(() -> sync(wrongColumn)).hasMessageContaining("column.ward=ward_code_typo");

        Path open = Files.writeString(dir.resolve("open.password"), "secret");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, Object> openFile = incremental();
        openFile.put("vitalstorm.registry.sql.password.file", open.toString());
        assertThatThrownBy(() -> sync(openFile)).hasMessageContaining("can be read by others")
                .hasMessageContaining("chmod 600");
    }
}
