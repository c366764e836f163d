package io.vitalstorm.storage.kafka;

import io.vitalstorm.core.config.KafkaSecurity;
import io.vitalstorm.core.config.SecretFiles;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kafka's own config parsing resolves the file references of {@link KafkaSecurity} through the provider. */
class SecretFileConfigProviderTest {

    @TempDir
    Path dir;

    private ProducerConfig producerConfig(KafkaSecurity security) {
        Map<String, Object> p = new HashMap<>(security.clientProperties());
        p.put("bootstrap.servers", "127.0.0.1:1");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return new ProducerConfig(p);
    }

    @Test
    void thePropertiesHoldPathsAndKafkaResolvesTheSecretsFromTheFiles() throws Exception {
        Path password = SecretFiles.write(dir.resolve("kafka.password"), "s3cret-topology\n");
        Path storePassword = SecretFiles.write(dir.resolve("truststore.password"), "store-pass");
        KafkaSecurity security = KafkaSecurity.saslSsl("topology", password, dir.resolve("truststore.p12"),
                storePassword);

        assertThat(security.clientProperties().toString()).doesNotContain("s3cret").doesNotContain("store-pass")
                .contains(password.toString().substring(0, password.toString().lastIndexOf('/')));
        assertThat(KafkaSecurity.SECRET_PROVIDER_CLASS).isEqualTo(SecretFileConfigProvider.class.getName());

        ProducerConfig config = producerConfig(security);
        assertThat(config.getPassword("sasl.jaas.config").value())
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"topology\""
                        + " password=\"s3cret-topology\";");
        assertThat(config.getPassword("ssl.truststore.password").value()).isEqualTo("store-pass");
        assertThat(config.getString("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(config.getString("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    }

    @Test
    void aSecretFileOthersCanReadIsRefusedNamingTheFile() throws Exception {
        Path password = SecretFiles.write(dir.resolve("kafka.password"), "s3cret");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
        Path storePassword = SecretFiles.write(dir.resolve("truststore.password"), "store-pass");
        KafkaSecurity security = KafkaSecurity.saslSsl("topology", password, dir.resolve("truststore.p12"),
                storePassword);

        assertThatThrownBy(() -> producerConfig(security))
                .hasMessageContaining(password.toString()).hasMessageContaining("chmod 600")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aMissingSecretFileIsRefusedNamingTheFile() {
        Path missing = dir.resolve("absent.password");
        KafkaSecurity security = KafkaSecurity.saslSsl("topology", missing, dir.resolve("t.p12"), missing);
        assertThatThrownBy(() -> producerConfig(security)).hasMessageContaining(missing.toString());
    }

    @Test
    void plaintextAddsNothing() {
        assertThat(KafkaSecurity.plaintext().clientProperties()).isEmpty();
    }
}
