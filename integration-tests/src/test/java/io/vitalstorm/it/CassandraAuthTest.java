package io.vitalstorm.it;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import io.vitalstorm.cli.Main;
import io.vitalstorm.core.config.CassandraSecurity;
import io.vitalstorm.core.config.ClientTls;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.infra.CassandraProcess;
import io.vitalstorm.infra.LoopbackCertificates;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.testsupport.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Cassandra node of its own with PasswordAuthenticator, CassandraAuthorizer and client TLS (its CQL
 * port speaks TLS only, certificate made at start): only roles that log in over TLS connect,
 * {@code schema apply} (admin role) creates the schema and the runtime role, and the runtime role
 * reads and writes but cannot change the schema or the roles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CassandraAuthTest {

    private final String runtimePassword = LoopbackCertificates.randomSecret();
    private Path dir;
    private CassandraProcess cassandra;
    private Path adminPasswordFile;
    private VitalStormSettings runtime;
    private Path config;
    private LoopbackCertificates certificates;

    @BeforeAll
    void start() throws Exception {
        dir = Path.of("target", "cassandra-auth-" + ProcessHandle.current().pid()).toAbsolutePath();
        certificates = LoopbackCertificates.generate(dir.resolve("tls"), "cassandra");
        cassandra = CassandraProcess.withPasswordAuth(dir.resolve("node")).withClientTls(certificates);
        cassandra.start();
        adminPasswordFile = SecretFiles.write(dir.resolve("admin.password"), "cassandra");
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        conf.put("vitalstorm.cassandra.contact.points", cassandra.address());
        conf.put("vitalstorm.cassandra.keyspace", "vs_auth");
        conf.putAll(CassandraSecurity.runtimeRole("vs_runtime",
                SecretFiles.write(dir.resolve("runtime.password"), runtimePassword)).toMap());
        conf.putAll(ClientTls.CASSANDRA.trusting(certificates.truststore(), certificates.truststorePasswordFile())
                .toMap());
        runtime = VitalStormSettings.fromMap(conf);
        StringBuilder yaml = new StringBuilder();
        runtime.toMap().forEach((k, v) -> {
            if (k.startsWith("vitalstorm.cassandra.")) {
                yaml.append(k).append(": \"").append(v).append("\"\n");
            }
        });
        config = Files.writeString(dir.resolve("vitalstorm.yaml"), yaml);
        // the default superuser is set up just after the port opens
        Await.until("the superuser can log in", Duration.ofSeconds(60), () -> {
            try (CqlSession s = CassandraSessions.openAsAdmin(runtime, "cassandra", "cassandra")) {
                return true;
            } catch (AllNodesFailedException notYet) {
                return false;
            }
        }, ok -> ok);
    }

    @AfterAll
    void stop() {
        if (cassandra != null) {
            cassandra.close();
        }
    }

    private int cli(ByteArrayOutputStream out, String... argv) {
        return Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void schemaApplyMakesADmlOnlyRuntimeRoleAndNobodyElseGetsIn() throws Exception {
        // before schema apply the runtime role does not exist: refused at login
        assertThatThrownBy(() -> CassandraSessions.open(runtime).close()).isInstanceOf(AllNodesFailedException.class)
                .hasMessageContaining("Authentication error");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = cli(out, "schema", "apply", "--admin-user", "cassandra", "--admin-password-file",
                adminPasswordFile.toString(),
                "--config", config.toString());
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("role vs_runtime created",
                "role vs_runtime may SELECT and MODIFY keyspace vs_auth");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(cli(again, "schema", "apply", "--admin-user", "cassandra", "--admin-password-file",
                adminPasswordFile.toString(),
                "--config", config.toString())).as(again.toString(StandardCharsets.UTF_8)).isZero();

        try (CqlSession session = CassandraSessions.open(runtime)) {
            session.execute(
                    "INSERT INTO vs_auth.discharges (patient_id, discharged_at) VALUES ('P-auth', toTimestamp(now()))");
            assertThat(session.execute("SELECT patient_id FROM vs_auth.discharges WHERE patient_id = 'P-auth'").one())
                    .isNotNull();
            session.execute("DELETE FROM vs_auth.discharges WHERE patient_id = 'P-auth'");
            assertThatThrownBy(() -> session.execute("CREATE TABLE vs_auth.planted (k text PRIMARY KEY)"))
                    .isInstanceOf(UnauthorizedException.class);
            assertThatThrownBy(() -> session.execute("DROP TABLE vs_auth.discharges"))
                    .isInstanceOf(UnauthorizedException.class);
            assertThatThrownBy(() -> session.execute("ALTER TABLE vs_auth.discharges ADD x text"))
                    .isInstanceOf(UnauthorizedException.class);
            assertThatThrownBy(() -> session.execute("CREATE ROLE planted WITH LOGIN = true AND PASSWORD = 'x'"))
                    .isInstanceOf(UnauthorizedException.class);
            assertThatThrownBy(() -> session.execute("SELECT * FROM system_auth.roles"))
                    .isInstanceOf(UnauthorizedException.class);
        }
    }

    @Test
    void aSessionWithoutCredentialsOrWithAWrongPasswordIsRefused() {
        Map<String, Object> conf = new HashMap<>(runtime.toMap());
        conf.putAll(new CassandraSecurity("", "", false).toMap());
        VitalStormSettings anonymous = VitalStormSettings.fromMap(conf);
        assertThatThrownBy(() ->
                CassandraSessions.openAsAdmin(anonymous, null, null).execute("SELECT * FROM system.local"))
                .isInstanceOf(AllNodesFailedException.class).hasMessageContaining("Authentication");
        assertThatThrownBy(() -> CassandraSessions.openAsAdmin(runtime, "cassandra", "wrong").close())
                .isInstanceOf(AllNodesFailedException.class).hasMessageContaining("Authentication error");
    }

    @Test
    void aPlaintextSessionOrOneTrustingAnotherCaIsRefused() throws Exception {
        Map<String, Object> plaintext = new HashMap<>(runtime.toMap());
        plaintext.putAll(ClientTls.CASSANDRA.off().toMap());
        assertThatThrownBy(() -> CassandraSessions.openAsAdmin(VitalStormSettings.fromMap(plaintext),
                "cassandra", "cassandra").close()).isInstanceOf(AllNodesFailedException.class);
        LoopbackCertificates otherCa = LoopbackCertificates.generate(dir.resolve("other-ca"), "not-cassandra");
        Map<String, Object> foreign = new HashMap<>(runtime.toMap());
        foreign.putAll(ClientTls.CASSANDRA.trusting(otherCa.truststore(), otherCa.truststorePasswordFile()).toMap());
        assertThatThrownBy(() -> CassandraSessions.openAsAdmin(VitalStormSettings.fromMap(foreign),
                "cassandra", "cassandra").close()).isInstanceOf(AllNodesFailedException.class)
                .hasStackTraceContaining("PKIX path building failed");
        // the superuser over TLS, trusting the node's CA: in (the other tests log in over TLS throughout)
        try (CqlSession tls = CassandraSessions.openAsAdmin(runtime, "cassandra", "cassandra")) {
            assertThat(tls.execute("SELECT release_version FROM system.local").one()).isNotNull();
        }
    }
}
