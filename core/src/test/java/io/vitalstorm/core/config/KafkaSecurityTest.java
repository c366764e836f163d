package io.vitalstorm.core.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys to Kafka client properties: file references only, incomplete setups refused with the key named. */
class KafkaSecurityTest {

    @Test
    void saslSslPropertiesReferToTheFilesAndNeverHoldASecret() {
        KafkaSecurity s = KafkaSecurity.fromMap(Map.of(
                KafkaSecurity.PROTOCOL, "sasl_ssl",
                KafkaSecurity.SASL_USERNAME, "topology",
                KafkaSecurity.SASL_PASSWORD_FILE, "/etc/vitalstorm/secrets/kafka.password",
                KafkaSecurity.TRUSTSTORE_FILE, "/etc/vitalstorm/tls/truststore.p12",
                KafkaSecurity.TRUSTSTORE_PASSWORD_FILE, "/etc/vitalstorm/secrets/truststore.password"));
        Map<String, String> p = s.clientProperties();
        assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/vitalstorm/tls/truststore.p12")
                .containsEntry("ssl.truststore.password", "${vsfile:/etc/vitalstorm/secrets:truststore.password}")
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                .containsEntry("config.providers.vsfile.class", KafkaSecurity.SECRET_PROVIDER_CLASS);
        assertThat(p.get("sasl.jaas.config")).contains("username=\"topology\"")
                .contains("password=\"${vsfile:/etc/vitalstorm/secrets:kafka.password}\"");
        assertThat(KafkaSecurity.fromMap(s.toMap())).isEqualTo(s);
        assertThat(VitalStormSettings.fromMap(s.toMap()).kafkaClientProperties()).isEqualTo(p);
    }

    @Test
    void incompleteOrUnknownSettingsAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> KafkaSecurity.fromMap(Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL")))
                .hasMessageContaining(KafkaSecurity.SASL_USERNAME);
        assertThatThrownBy(() -> KafkaSecurity.fromMap(Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL",
                KafkaSecurity.SASL_USERNAME, "topology"))).hasMessageContaining(KafkaSecurity.SASL_PASSWORD_FILE);
        assertThatThrownBy(() -> KafkaSecurity.fromMap(Map.of(KafkaSecurity.PROTOCOL, "SASL_PLAINTEXT")))
                .hasMessageContaining(KafkaSecurity.PROTOCOL);
        assertThatThrownBy(() -> KafkaSecurity.fromMap(Map.of(KafkaSecurity.PROTOCOL, "SSL",
                KafkaSecurity.TRUSTSTORE_FILE, "/t.p12"))).hasMessageContaining(KafkaSecurity.TRUSTSTORE_PASSWORD_FILE);
        assertThatThrownBy(() -> KafkaSecurity.fromMap(Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL",
                KafkaSecurity.SASL_USERNAME, "a\" b", KafkaSecurity.SASL_PASSWORD_FILE, "/p")))
                .hasMessageContaining(KafkaSecurity.SASL_USERNAME);
    }

    @Test
    void plaintextByDefault() {
        assertThat(VitalStormSettings.fromMap(Map.of()).kafkaClientProperties()).isEmpty();
    }
}
