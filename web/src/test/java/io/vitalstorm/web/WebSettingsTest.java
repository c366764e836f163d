package io.vitalstorm.web;

import io.vitalstorm.core.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dashboard's settings: documented in docs/configuration.md as declared, read with their bounds. */
class WebSettingsTest {

    @Test
    void everyDashboardSettingIsDocumentedWithItsDefaultBoundsAndDoc() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (Setting.Whole s : WebSettings.ALL) {
            assertThat(doc).contains(s.docRow());
        }
    }

    @Test
    void defaultsAndValuesAreReadAndAValueOutOfBoundsIsRefusedWithTheKeyNamed() {
        WebSettings d = WebSettings.fromMap(Map.of());
        assertThat(d.port()).isEqualTo(8080);
        assertThat(d.exportMaxReadings()).isEqualTo(5_000_000);
        assertThat(d.maxRange()).isEqualTo(Duration.ofDays(400));
        assertThat(WebSettings.fromMap(Map.of("vitalstorm.web.export.max.readings", "1000")).exportMaxReadings())
                .isEqualTo(1000);
        assertThatThrownBy(() -> WebSettings.fromMap(Map.of("vitalstorm.web.port", 70_000)))
                .hasMessageContaining("vitalstorm.web.port").hasMessageContaining("between 0 and 65535");
    }
}
