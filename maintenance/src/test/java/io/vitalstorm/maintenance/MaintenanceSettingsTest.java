package io.vitalstorm.maintenance;

import io.vitalstorm.core.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The maintenance settings: documented in docs/configuration.md as declared, read with their bounds. */
class MaintenanceSettingsTest {

    @Test
    void everyMaintenanceSettingIsDocumentedWithItsDefaultBoundsAndDoc() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        assertThat(Setting.undocumented(doc, MaintenanceSettings.ALL)).isEmpty();
        Setting drifted = new Setting.Whole(MaintenanceSettings.TICK_MS.key(), 1_000, 1, 3_600_000, "drifted");
        assertThat(Setting.undocumented(doc, List.of(drifted))).as("a drifted row is caught")
                .containsExactly("vitalstorm.maintenance.tick.ms");
        assertThat(MaintenanceSettings.DEFAULTS).containsEntry("vitalstorm.maintenance.tick.ms", 5_000L)
                .containsEntry("vitalstorm.archive.dir", "/var/lib/vitalstorm/archive").hasSize(10);
    }

    @Test
    void theDefaultsAndValuesAsYamlOrMinusCGiveThem() {
        MaintenanceSettings d = MaintenanceSettings.fromMap(Map.of());
        assertThat(d.enabled()).isTrue();
        assertThat(d.tick()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.silentAfter()).isEqualTo(Duration.ofHours(72));
        assertThat(d.archiveDir()).isEqualTo("/var/lib/vitalstorm/archive");
        MaintenanceSettings m = MaintenanceSettings.fromMap(Map.of("vitalstorm.maintenance.enabled", false,
                "vitalstorm.maintenance.tick.ms", "200", "vitalstorm.maintenance.catchup.slots", 0));
        assertThat(m.enabled()).isFalse();
        assertThat(m.tick()).isEqualTo(Duration.ofMillis(200));
        assertThat(m.catchUpSlots()).isZero();
        assertThat(MaintenanceSettings.fromMap(Map.of("vitalstorm.maintenance.enabled", "TRUE")).enabled()).isTrue();
    }

    @Test
    void aValueOfTheWrongTypeOrOutOfBoundsIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> MaintenanceSettings.fromMap(Map.of("vitalstorm.maintenance.tick.ms", "soon")))
                .hasMessage("vitalstorm.maintenance.tick.ms must be a whole number, was 'soon'");
        assertThatThrownBy(() -> MaintenanceSettings.fromMap(Map.of("vitalstorm.maintenance.sweep.period.seconds", 0)))
                .hasMessageContaining("vitalstorm.maintenance.sweep.period.seconds must be between 1 and");
        assertThatThrownBy(() -> MaintenanceSettings.fromMap(Map.of("vitalstorm.maintenance.enabled", "yes")))
                .hasMessage("vitalstorm.maintenance.enabled must be one of [true, false], was 'yes'");
    }
}
