package io.vitalstorm.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.AlertIds;
import io.vitalstorm.core.config.ClientTls;
import io.vitalstorm.core.config.KafkaSecurity;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.infra.KafkaKraftBroker;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.infra.LoopbackCertificates;
import io.vitalstorm.infra.RedisServerProcess;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import org.awaitility.Awaitility;
import io.vitalstorm.storage.kafka.TopicAcls;
import io.vitalstorm.testsupport.KafkaTestClient;
import io.vitalstorm.topology.Parallelism;
import io.vitalstorm.topology.VitalStormTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.storm.Config;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The topology against a Kafka that speaks only SASL_SSL (SCRAM-SHA-512, keytool certificate,
 * ACLs on): a device's reading in, the clinician alert out, every client authenticated with
 * its own least-privilege principal and its password read from a 0600 file. Unauthenticated
 * and wrong-password clients are refused. Redis is a server of its own too: TLS only, default user
 * off, the VitalStorm ACL user (password from a 0600 file) — so the whole topology runs with the
 * commands and keys that ACL grants. ZooKeeper and Cassandra are the shared plaintext ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaSaslSslTopologyTest {

    private static final long T0 = Instant.parse("2026-11-01T08:00:00Z").toEpochMilli();
    private static final long MIN = 60_000;
    private static final String PATIENT = "SASL-UNKNOWN";

    private final String topologyPassword = LoopbackCertificates.randomSecret();
    private final String devicePassword = LoopbackCertificates.randomSecret();
    private final String clinicianPassword = LoopbackCertificates.randomSecret();
    private final String redisPassword = LoopbackCertificates.randomSecret();
    private KafkaKraftBroker broker;
    private RedisServerProcess redis;
    private LoopbackCertificates redisCertificates;
    private VitalStormSettings settings;
    private KafkaSecurity deviceSecurity;
    private LocalVitalStorm topology;
    private KafkaTestClient device;
    private KafkaTestClient superUser;
    private Map<String, Object> topologyConf;

    @BeforeAll
    void startSecuredBrokerAndTopology() throws Exception {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        Path dir = Path.of("target", "kafka-sasl-" + ProcessHandle.current().pid()).toAbsolutePath();
        broker = KafkaKraftBroker.saslSsl(dir.resolve("broker"),
                Map.of("topology", topologyPassword, "device", devicePassword, "clinician", clinicianPassword));
        broker.start();

        Path secrets = dir.resolve("secrets");
        KafkaSecurity topologySecurity = KafkaSecurity.saslSsl("topology",
                SecretFiles.write(secrets.resolve("topology.password"), topologyPassword),
                broker.certificates().truststore(), broker.certificates().truststorePasswordFile());
        deviceSecurity = topologySecurity.as("device",
                SecretFiles.write(secrets.resolve("device.password"), devicePassword));

        redisCertificates = LoopbackCertificates.generate(dir.resolve("redis-tls"), "redis");
        redis = RedisServerProcess.withAclUser(dir.resolve("redis"), "vitalstorm", redisPassword)
                .withTls(redisCertificates, false);
        redis.start();

        Map<String, Object> conf = new HashMap<>(LocalVitalStorm.settings(infra, "sasl", "vitalstorm_sasl").toMap());
        conf.put("vitalstorm.kafka.bootstrap.servers", broker.bootstrapServers());
        conf.put("vitalstorm.redis.host", redis.host());
        conf.put("vitalstorm.redis.port", redis.port());
        conf.put("vitalstorm.redis.username", "vitalstorm");
        conf.put("vitalstorm.redis.password.file",
                SecretFiles.write(secrets.resolve("redis.password"), redisPassword).toString());
        conf.putAll(ClientTls.REDIS.trusting(redisCertificates.truststore(), redisCertificates.truststorePasswordFile())
                .toMap());
        conf.putAll(topologySecurity.toMap());
        settings = VitalStormSettings.fromMap(conf);

        broker.createTopics(LocalVitalStorm.topicPartitions(settings));
        broker.createAcls(TopicAcls.topology(settings, "topology"));
        broker.createAcls(TopicAcls.device(settings, "device"));
        broker.createAcls(TopicAcls.clinicianTool(settings, "clinician"));

        topologyConf = new HashMap<>(settings.toMap());
        topology = LocalVitalStorm.submit(infra, settings, "sasl", Map.of());
        device = new KafkaTestClient(broker.bootstrapServers(), deviceSecurity.clientProperties());
        superUser = new KafkaTestClient(broker.bootstrapServers(), broker.adminClientProperties());
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {topology, device, superUser, broker, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aDevicesReadingGoesInAndTheClinicianAlertComesOutOverSaslSsl() throws Exception {
        // an unknown patient is still scored: RR 26 is a single red 3 on a spot check (temperature taken)
        device.send(settings.vitalsTopic(), PATIENT, Reading.of(PATIENT, T0).hr(76).rr(16).spo2(97).bytes());
        device.send(settings.vitalsTopic(), PATIENT,
                Reading.of(PATIENT, T0 + 5 * MIN).hr(88).rr(26).spo2(96).temp(37.0).bytes());

        List<ConsumerRecord<String, byte[]>> alerts = superUser.readAll(settings.clinicianAlertsTopic(), 1,
                Duration.ofSeconds(120));
        List<JsonNode> forPatient = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : alerts) {
            JsonNode alert = Json.MAPPER.readTree(r.value());
            if (alert.path("patientId").asText().equals(PATIENT)) {
                forPatient.add(alert);
            }
        }
        assertThat(forPatient).extracting(a -> a.get("alertId").asText())
                .contains(AlertIds.alert(PATIENT, AlertCondition.NEWS2, T0 + 5 * MIN));
        // the topology wrote the patient's latest state and episode through the ACL'd TLS-only Redis
        try (redis.clients.jedis.JedisPooled client = RedisClients.open(settings)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(client.exists(RedisKeys.latest(PATIENT))).isTrue();
                assertThat(client.exists(RedisKeys.episode(PATIENT))).isTrue();
            });
        }
    }

    @Test
    void noSecretIsInTheTopologyConfigurationOrTheSerializedTopology() {
        Config conf = VitalStormTopology.config(topologyConf);
        byte[] serialized = Utils.serialize(VitalStormTopology.build(settings, Parallelism.fromConf(conf)));
        String topologyBytes = new String(serialized, StandardCharsets.ISO_8859_1);
        for (String secret : List.of(topologyPassword, devicePassword, broker.certificates().truststorePassword(),
                redisPassword, redisCertificates.truststorePassword())) {
            assertThat(conf.toString()).doesNotContain(secret);
            assertThat(topologyBytes).doesNotContain(secret);
        }
        assertThat(conf.get(KafkaSecurity.SASL_PASSWORD_FILE).toString()).endsWith("topology.password");
    }

    @Test
    void aClientWithoutCredentialsIsRefused() {
        Map<String, Object> tlsOnly = new HashMap<>(deviceSecurity.clientProperties());
        tlsOnly.put("security.protocol", "SSL");
        tlsOnly.remove("sasl.jaas.config");
        tlsOnly.remove("sasl.mechanism");
        for (Map<String, Object> anonymous : List.of(Map.<String, Object>of(), tlsOnly)) {
            try (Admin admin = admin(anonymous)) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                        .as("no credentials, %s", anonymous.getOrDefault("security.protocol", "PLAINTEXT"))
                        .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedAsAnAuthenticationFailure() {
        try (Admin admin = admin(broker.saslClientProperties("topology", "not-" + topologyPassword))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aDeviceMayWriteVitalsButNotAlertsNorReadVitals() {
        assertThatThrownBy(() ->
                device.send(settings.clinicianAlertsTopic(), PATIENT, "{}".getBytes(StandardCharsets.UTF_8)))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> device.readAll(settings.vitalsTopic(), 1, Duration.ofSeconds(5)))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aSecretFileOthersCanReadIsRefusedBeforeAnyConnection() throws IOException {
        Path leaky = SecretFiles.write(Path.of("target", "kafka-sasl-leaky.password").toAbsolutePath(), devicePassword);
        Files.setPosixFilePermissions(leaky, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() ->
                new KafkaTestClient(broker.bootstrapServers(), deviceSecurity.as("device", leaky).clientProperties()))
                .hasStackTraceContaining(leaky.toString()).hasStackTraceContaining("chmod 600");
    }

    private Admin admin(Map<String, Object> security) {
        Map<String, Object> conf = new HashMap<>(security);
        conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(conf);
    }
}
