package io.vitalstorm.core.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md names every declared key with its default: the reference cannot drift from the code. */
class ConfigurationDocsTest {

    private static String reference() throws IOException {
        return Files.readString(Path.of("..", "docs", "configuration.md"));
    }

    /** The cells of each table row of docs/configuration.md that starts with a backquoted key, by key. */
    private static Map<String, List<String>> rows() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : reference().split("\n")) {
            if (line.startsWith("| `") && line.endsWith(" |")) {
                List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1))
                        .map(String::strip).toList();
                rows.put(cells.get(0).replace("`", ""), cells);
            }
        }
        return rows;
    }

    /**
     * Each declaration has a row: key, default ((none) for the empty string), the bounds of a whole
     * number where the table has a bounds column, and its doc sentence as the last cell.
     */
    private static void assertDocumented(List<Setting> settings) throws IOException {
        Map<String, List<String>> rows = rows();
        for (Setting s : settings) {
            List<String> cells = rows.get(s.key());
            assertThat(cells).as("row of %s in docs/configuration.md", s.key()).isNotNull();
            String value = String.valueOf(s.defaultObject());
            assertThat(cells.get(1)).as("default of %s", s.key())
                    .isEqualTo(value.isEmpty() ? "(none)" : "`" + value + "`");
            assertThat(cells.get(cells.size() - 1)).as("doc of %s", s.key()).isEqualTo(s.doc());
            if (s instanceof Setting.Whole w) {
                assertThat(cells).as("bounds column of %s", s.key()).hasSize(4);
                assertThat(cells.get(2)).as("bounds of %s", s.key()).isEqualTo(w.min() + "–" + w.max());
            } else if (cells.size() == 4) {
                assertThat(cells.get(2)).as("bounds of %s (not a number)", s.key()).isEmpty();
            }
        }
    }

    @Test
    void everyServerAndTopicKeyIsDocumentedWithItsDefaultAndDoc() throws IOException {
        assertDocumented(VitalStormSettings.ALL);
        assertThat(VitalStormSettings.DEFAULTS.keySet()).containsExactlyElementsOf(
                VitalStormSettings.ALL.stream().map(Setting::key).toList());
    }

    @Test
    void everyKafkaSecurityKeyIsDocumentedWithItsDefaultAndDoc() throws IOException {
        assertDocumented(KafkaSecurity.ALL);
    }

    @Test
    void everyClientTlsKeyIsDocumentedWithItsDefaultAndDoc() throws IOException {
        assertDocumented(ClientTls.REDIS.all());
        assertDocumented(ClientTls.CASSANDRA.all());
        assertDocumented(ClientTls.ZOOKEEPER.all());
    }

    @Test
    void everyZooKeeperAndCassandraSecurityKeyIsDocumentedWithItsDefaultAndDoc() throws IOException {
        assertDocumented(ZooKeeperSecurity.ALL);
        assertDocumented(CassandraSecurity.ALL);
        assertDocumented(AckAuthentication.ALL);
        assertDocumented(ArchiveSecurity.ALL);
    }

    @Test
    void everyReliabilitySettingIsDocumentedWithItsDefaultBoundsAndDoc() throws IOException {
        assertDocumented(ReliabilitySettings.ALL);
    }

    @Test
    void everyMetricsSettingIsDocumentedWithItsDefaultBoundsAndDoc() throws IOException {
        assertDocumented(MetricsSettings.ALL);
    }

    /** A drifted row fails the check: the test can fail. */
    @Test
    void aRowThatDriftsFromItsDeclarationFails() {
        Setting drifted = new Setting.Text(VitalStormSettings.REDIS_HOST.key(), "10.0.0.1", "Redis");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertDocumented(List.of(drifted)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("default of vitalstorm.redis.host");
        Setting undocumented = new Setting.Text("vitalstorm.nowhere", "", "no row");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertDocumented(List.of(undocumented)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("vitalstorm.nowhere");
    }

    @Test
    void aPortOrRetentionThatIsNotAWholeNumberInBoundsIsRefusedWithTheKeyNamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> VitalStormSettings.fromMap(Map.of("vitalstorm.redis.port", "six")))
                .hasMessageContaining("vitalstorm.redis.port must be a whole number, was 'six'");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> VitalStormSettings.fromMap(Map.of("vitalstorm.retention.days", 0)))
                .hasMessageContaining("vitalstorm.retention.days must be between 1 and 36500");
        assertThat(VitalStormSettings.fromMap(Map.of("vitalstorm.redis.port", "6380")).redisPort()).isEqualTo(6380);
    }

    @Test
    void aValueOutOfBoundsOrOfTheWrongTypeIsRefusedWithTheKeyNamed() {
        assertThat(ReliabilitySettings.fromMap(Map.of()).maxRetries()).isEqualTo(20);
        assertThat(ReliabilitySettings.fromMap(Map.of("vitalstorm.retries.max", "3")).maxRetries()).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                ReliabilitySettings.fromMap(Map.of("vitalstorm.retries.max", "many")))
                .hasMessageContaining("vitalstorm.retries.max").hasMessageContaining("many");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ReliabilitySettings.fromMap(Map.of("vitalstorm.state.evict.after.minutes", 0)))
                .hasMessageContaining("between 1 and 10080");
    }
}
