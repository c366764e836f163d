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
        assertThat(Setting.undocumented(doc, WebSettings.ALL)).isEmpty();
        Setting drifted = new Setting.Text(WebSettings.PSEUDONYM_KEY_FILE.key(), "/etc/key", "drifted");
        assertThat(Setting.undocumented(doc, java.util.List.of(drifted))).as("a drifted row is caught")
                .containsExactly("vitalstorm.web.pseudonym.key.file");
    }

    @Test
    void defaultsAndValuesAreReadAndAValueOutOfBoundsIsRefusedWithTheKeyNamed() {
        WebSettings d = WebSettings.fromMap(Map.of());
        assertThat(d.port()).isEqualTo(8080);
        assertThat(d.exportMaxReadings()).isEqualTo(5_000_000);
        assertThat(d.maxRange()).isEqualTo(Duration.ofDays(400));
        assertThat(d.pseudonymKeyFile()).isEmpty();
        assertThat(WebSettings.fromMap(Map.of("vitalstorm.web.pseudonym.key.file", " /etc/vs/pseudonym.key "))
                .pseudonymKeyFile()).isEqualTo("/etc/vs/pseudonym.key");
        assertThat(WebSettings.fromMap(Map.of("vitalstorm.web.export.max.readings", "1000")).exportMaxReadings())
                .isEqualTo(1000);
        assertThat(d.host()).isEqualTo("127.0.0.1");
        assertThat(d.tls()).isFalse();
        assertThat(WebSettings.fromMap(Map.of("vitalstorm.web.host", "0.0.0.0")).host()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> WebSettings.fromMap(Map.of("vitalstorm.web.tls.keystore.file", "/etc/vs/web.p12")))
                .hasMessageContaining("vitalstorm.web.tls.keystore.password.file");
        assertThat(WebSettings.fromMap(Map.of("vitalstorm.web.tls.keystore.file", "/etc/vs/web.p12",
                "vitalstorm.web.tls.keystore.password.file", "/etc/vs/web.password")).tls()).isTrue();
        assertThatThrownBy(() -> WebSettings.fromMap(Map.of("vitalstorm.web.port", 70_000)))
                .hasMessageContaining("vitalstorm.web.port").hasMessageContaining("between 0 and 65535");
    }
}
