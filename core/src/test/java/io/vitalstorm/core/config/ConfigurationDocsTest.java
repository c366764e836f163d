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

    /** Each key has a row of docs/configuration.md that starts with the key and its default. */
    private static void assertRowsWithDefaults(Map<String, Object> defaults) throws IOException {
        String doc = reference();
        for (Map.Entry<String, Object> e : defaults.entrySet()) {
            String value = String.valueOf(e.getValue());
            String row = "| `" + e.getKey() + "` | " + (value.isEmpty() ? "(none)" : "`" + value + "`") + " |";
            assertThat(doc).as("row of %s", e.getKey()).contains(row);
        }
    }

    @Test
    void everyServerAndTopicKeyIsDocumentedWithItsDefault() throws IOException {
        assertRowsWithDefaults(VitalStormSettings.DEFAULTS);
    }

    @Test
    void everyKafkaSecurityKeyIsDocumentedWithItsDefault() throws IOException {
        assertRowsWithDefaults(KafkaSecurity.DEFAULTS);
    }

    @Test
    void everyZooKeeperAndCassandraSecurityKeyIsDocumentedWithItsDefault() throws IOException {
        Map<String, Object> keys = new java.util.LinkedHashMap<>(ZooKeeperSecurity.DEFAULTS);
        keys.putAll(CassandraSecurity.DEFAULTS);
        keys.putAll(AckAuthentication.DEFAULTS);
        assertRowsWithDefaults(keys);
        Setting s = AckAuthentication.MAX_AGE;
        assertThat(reference()).contains("| `" + s.key() + "` | `" + s.defaultValue() + "` | " + s.min() + "–" + s.max() + " | "
                + s.doc() + " |");
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
