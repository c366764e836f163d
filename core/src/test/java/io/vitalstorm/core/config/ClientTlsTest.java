package io.vitalstorm.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientTlsTest {

    @Test
    void offByDefaultForEveryHop() {
        VitalStormSettings s = VitalStormSettings.fromMap(Map.of());
        assertThat(s.redisTls().enabled()).isFalse();
        assertThat(s.cassandraTls().enabled()).isFalse();
        assertThat(s.zookeeperTls().enabled()).isFalse();
        assertThat(s.redisTls().hostnameVerification()).isTrue();
    }

    @Test
    void theSettingsRoundTripThroughTheTopologyConfigurationAsPathsOnly(@TempDir Path dir) throws Exception {
        Path passwordFile = SecretFiles.write(dir.resolve("trust.password"), "Secret123");
        ClientTls tls = ClientTls.ZOOKEEPER.trusting(dir.resolve("trust.p12"), passwordFile);
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        conf.putAll(tls.toMap());
        VitalStormSettings s = VitalStormSettings.fromMap(conf);
        assertThat(s.zookeeperTls()).isEqualTo(tls);
        assertThat(s.redisTls().enabled()).isFalse();
        assertThat(s.toMap().toString()).doesNotContain("Secret123")
                .contains("vitalstorm.zookeeper.tls.truststore.file");
    }

    @Test
    void aStoreNeedsItsPasswordFileAndBadValuesAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> ClientTls.REDIS.read(Map.of("vitalstorm.redis.tls.truststore.file", "/x.p12")))
                .hasMessageContaining("vitalstorm.redis.tls.truststore.password.file");
        assertThatThrownBy(() -> ClientTls.CASSANDRA.read(Map.of("vitalstorm.cassandra.tls.keystore.file", "/k.p12")))
                .hasMessageContaining("vitalstorm.cassandra.tls.keystore.password.file");
        assertThatThrownBy(() -> ClientTls.REDIS.read(Map.of("vitalstorm.redis.tls", "yes")))
                .hasMessageContaining("vitalstorm.redis.tls must be true or false");
    }

    @Test
    void aLooseTrustStorePasswordFileIsRefusedWithoutShowingIt(@TempDir Path dir) throws Exception {
        Path passwordFile = SecretFiles.write(dir.resolve("trust.password"), "Secret123");
        Files.setPosixFilePermissions(passwordFile,
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        ClientTls tls = ClientTls.REDIS.trusting(dir.resolve("trust.p12"), passwordFile);
        assertThatThrownBy(tls::sslContext).hasMessageContaining("chmod 600").hasMessageNotContaining("Secret123");
        assertThatThrownBy(tls::zooKeeperClientProperties).hasMessageContaining("chmod 600");
    }
}
