package io.vitalstorm.registrysync;

import io.vitalstorm.core.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL registry keys: documented in docs/configuration.md as declared, read with their bounds and checks. */
class RegistrySqlSettingsTest {

    private static final Map<String, Object> MINIMAL = Map.of("vitalstorm.registry.sql.url", "jdbc:postgresql://db/pas",
            "vitalstorm.registry.sql.query", "SELECT * FROM patients");

    @Test
    void everySingleKeyIsDocumentedWithItsDefaultBoundsAndDoc() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        assertThat(Setting.undocumented(doc, RegistrySqlSettings.ALL)).isEmpty();
    }

    @Test
    void theDefaultsFillWhatIsNotGivenAndEmptyMeansNone() {
        RegistrySqlSettings s = RegistrySqlSettings.fromMap(MINIMAL);
        assertThat(s.name()).isEqualTo("hospital");
        assertThat(s.user()).isNull();
        assertThat(s.passwordFile()).isNull();
        assertThat(s.incremental()).isFalse();
        assertThat(s.overlap()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.period()).isEqualTo(Duration.ofSeconds(60));
        assertThat(RegistrySqlSettings.present(MINIMAL)).isTrue();
        assertThat(RegistrySqlSettings.present(Map.of("vitalstorm.registry.sql.url", " "))).isFalse();
        assertThat(RegistrySqlSettings.present(Map.of())).isFalse();
    }

    @Test
    void aMissingUrlOrQueryOrABadNumberIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> RegistrySqlSettings.fromMap(Map.of("vitalstorm.registry.sql.query", "SELECT 1")))
                .hasMessageStartingWith("vitalstorm.registry.sql.url is required");
        assertThatThrownBy(() -> RegistrySqlSettings.fromMap(Map.of("vitalstorm.registry.sql.url", "jdbc:x")))
                .hasMessageStartingWith("vitalstorm.registry.sql.query is required");
        Map<String, Object> badPeriod = new HashMap<>(MINIMAL);
        badPeriod.put("vitalstorm.registry.sql.period.seconds", "hourly");
        assertThatThrownBy(() -> RegistrySqlSettings.fromMap(badPeriod))
                .hasMessage("vitalstorm.registry.sql.period.seconds must be a whole number, was 'hourly'");
    }
}
