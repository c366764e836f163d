package io.vitalstorm.core.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md names every declared key with its default: the reference cannot drift from the code. */
class ConfigurationDocsTest {

    private static String reference() throws IOException {
        return Files.readString(Path.of("..", "docs", "configuration.md"));
    }

    @Test
    void everyServerAndTopicKeyIsDocumentedWithItsDefault() throws IOException {
        String doc = reference();
        for (Map.Entry<String, Object> e : VitalStormSettings.DEFAULTS.entrySet()) {
            String value = String.valueOf(e.getValue());
            String row = "| `" + e.getKey() + "` | " + (value.isEmpty() ? "(none)" : "`" + value + "`") + " |";
            assertThat(doc).as("row of %s", e.getKey()).contains(row);
        }
    }

    @Test
    void everyKafkaSecurityKeyIsDocumentedWithItsDefault() throws IOException {
        String doc = reference();
        for (Map.Entry<String, Object> e : KafkaSecurity.DEFAULTS.entrySet()) {
            String value = String.valueOf(e.getValue());
            String row = "| `" + e.getKey() + "` | " + (value.isEmpty() ? "(none)" : "`" + value + "`") + " |";
            assertThat(doc).as("row of %s", e.getKey()).contains(row);
        }
    }

    @Test
    void everyZooKeeperAndCassandraSecurityKeyIsDocumentedWithItsDefault() throws IOException {
        String doc = reference();
        Map<String, Object> keys = new java.util.LinkedHashMap<>(ZooKeeperSecurity.DEFAULTS);
        keys.putAll(CassandraSecurity.DEFAULTS);
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            String value = String.valueOf(e.getValue());
            String row = "| `" + e.getKey() + "` | " + (value.isEmpty() ? "(none)" : "`" + value + "`") + " |";
            assertThat(doc).as("row of %s", e.getKey()).contains(row);
        }
    }

    @Test
    void everyReliabilitySettingIsDocumentedWithItsDefaultBoundsAndDoc() throws IOException {
        String doc = reference();
        for (Setting s : ReliabilitySettings.ALL) {
            assertThat(doc).contains("| `" + s.key() + "` | `" + s.defaultValue() + "` | " + s.min() + "–" + s.max() + " | "
                    + s.doc() + " |");
        }
    }

    @Test
    void aValueOutOfBoundsOrOfTheWrongTypeIsRefusedWithTheKeyNamed() {
        assertThat(ReliabilitySettings.fromMap(Map.of()).maxRetries()).isEqualTo(20);
        assertThat(ReliabilitySettings.fromMap(Map.of("vitalstorm.retries.max", "3")).maxRetries()).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReliabilitySettings.fromMap(Map.of("vitalstorm.retries.max", "many")))
                .hasMessageContaining("vitalstorm.retries.max").hasMessageContaining("many");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ReliabilitySettings.fromMap(Map.of("vitalstorm.state.evict.after.minutes", 0)))
                .hasMessageContaining("between 1 and 10080");
    }
}
