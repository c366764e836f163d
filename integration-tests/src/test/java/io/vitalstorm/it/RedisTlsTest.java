package io.vitalstorm.it;

import io.vitalstorm.core.config.ClientTls;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.infra.LoopbackCertificates;
import io.vitalstorm.infra.RedisServerProcess;
import io.vitalstorm.storage.redis.RedisClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redis with TLS only (no plaintext port) and the VitalStorm ACL user: the project's client with TLS
 * and the user's password works; plaintext, a client trusting another CA, and (on the server that
 * requires client certificates) a client without one or with one of another CA are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisTlsTest {

    private final String password = LoopbackCertificates.randomSecret();
    private final Path dir = Path.of("target", "redis-tls-" + ProcessHandle.current().pid()).toAbsolutePath();
    private LoopbackCertificates certificates;
    private LoopbackCertificates otherCa;
    private RedisServerProcess redis;
    private RedisServerProcess mutualTls;

    @BeforeAll
    void start() throws Exception {
        certificates = LoopbackCertificates.generate(dir.resolve("tls"), "redis");
        otherCa = LoopbackCertificates.generate(dir.resolve("other-ca"), "not-redis");
        redis = RedisServerProcess.withAclUser(dir.resolve("server"), "vitalstorm", password)
                .withTls(certificates, false);
        redis.start();
        mutualTls = RedisServerProcess.withAclUser(dir.resolve("server-mtls"), "vitalstorm", password)
                .withTls(certificates, true);
        mutualTls.start();
    }

    @AfterAll
    void stop() {
        for (RedisServerProcess r : new RedisServerProcess[] {redis, mutualTls}) {
            if (r != null) {
                r.close();
            }
        }
    }

    private VitalStormSettings settings(RedisServerProcess server, ClientTls tls) throws Exception {
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        conf.put("vitalstorm.redis.host", server.host());
        conf.put("vitalstorm.redis.port", server.port());
        conf.put("vitalstorm.redis.username", "vitalstorm");
        conf.put("vitalstorm.redis.password.file",
                SecretFiles.write(dir.resolve("redis.password"), password).toString());
        conf.putAll(tls.toMap());
        return VitalStormSettings.fromMap(conf);
    }

    private ClientTls trusting(LoopbackCertificates ca) {
        return ClientTls.REDIS.trusting(ca.truststore(), ca.truststorePasswordFile());
    }

    @Test
    void theAclUserOverTlsWorks() throws Exception {
        try (JedisPooled client = RedisClients.open(settings(redis, trusting(certificates)))) {
            client.set("vs:tls-test", "1");
            assertThat(client.get("vs:tls-test")).isEqualTo("1");
            assertThatThrownBy(client::flushAll).hasMessageContaining("NOPERM");
        }
    }

    @Test
    void aPlaintextClientIsRefused() throws Exception {
        try (JedisPooled client = RedisClients.open(settings(redis, ClientTls.REDIS.off()))) {
            assertThatThrownBy(client::ping).isInstanceOf(
                    redis.clients.jedis.exceptions.JedisConnectionException.class);
        }
        // a bare plaintext connection (no TLS, no login): the server resets it
        assertThatThrownBy(() -> {
            try (Jedis anonymous = new Jedis(new HostAndPort(redis.host(), redis.port()),
                    DefaultJedisClientConfig.builder().timeoutMillis(2_000).build())) {
                anonymous.ping();
            }
        }).isInstanceOf(redis.clients.jedis.exceptions.JedisConnectionException.class);
    }

    @Test
    void aClientTrustingAnotherCaIsRefused() throws Exception {
        try (JedisPooled client = RedisClients.open(settings(redis, trusting(otherCa)))) {
            assertThatThrownBy(client::ping).hasStackTraceContaining("PKIX path building failed");
        }
    }

    /**
     * Trust in the server's CA plus {@code owner}'s certificate as the client's, from a 0600 copy of its
     * key store ({@code name}.p12) and a 0600 password file.
     */
    private ClientTls presenting(LoopbackCertificates owner, String name) throws Exception {
        Path keystore = Files.copy(owner.keystore(), dir.resolve(name + ".p12"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
        Path keystorePassword = SecretFiles.write(dir.resolve(name + ".password"), owner.keystorePassword());
        return trusting(certificates).withClientCertificate(keystore, keystorePassword);
    }

    @Test
    void mutualTlsNeedsAClientCertificateSignedByTheCa() throws Exception {
        try (JedisPooled without = RedisClients.open(settings(mutualTls, trusting(certificates)))) {
            assertThatThrownBy(without::ping).isInstanceOf(
                    redis.clients.jedis.exceptions.JedisConnectionException.class);
        }
        // the test CA's own certificate serves as the client's (the server trusts exactly that CA)
        ClientTls withCertificate = presenting(certificates, "client");
        try (JedisPooled with = RedisClients.open(settings(mutualTls, withCertificate))) {
            with.set("vs:mtls-test", "2");
            assertThat(with.get("vs:mtls-test")).isEqualTo("2");
        }
        Files.setPosixFilePermissions(Path.of(withCertificate.keystoreFile()),
                PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> RedisClients.open(settings(mutualTls, withCertificate)))
                .hasMessageContaining("vitalstorm.redis.tls.keystore.file").hasMessageContaining("chmod 600");
    }

    @Test
    void mutualTlsRefusesACertificateOfAnotherCa() throws Exception {
        // the client trusts the server and holds a key store, but its certificate is not the server's CA's
        try (JedisPooled foreign = RedisClients.open(settings(mutualTls, presenting(otherCa, "foreign-client")))) {
            assertThatThrownBy(() -> foreign.set("vs:mtls-foreign", "3")).isInstanceOf(
                    redis.clients.jedis.exceptions.JedisConnectionException.class);
        }
        // nothing was written: a client with the CA's certificate finds no such key
        try (JedisPooled with = RedisClients.open(settings(mutualTls, presenting(certificates, "client-check")))) {
            assertThat(with.get("vs:mtls-foreign")).isNull();
        }
    }
}
