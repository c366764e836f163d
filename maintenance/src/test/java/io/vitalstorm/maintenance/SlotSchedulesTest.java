package io.vitalstorm.maintenance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SlotSchedulesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:27:41Z");

    @Test
    void periodicSlotsAreTheCurrentOneAndTheCatchUpWindowNeverBeforeTheEpoch() {
        PeriodicSlots tenMinutes = new PeriodicSlots(Duration.ofMinutes(10), 3);
        assertThat(tenMinutes.due(NOW, Instant.parse("2026-01-01T00:00:00Z")))
                .containsExactly("2026-11-22T10:00:00Z", "2026-11-22T10:10:00Z", "2026-11-22T10:20:00Z");
        assertThat(tenMinutes.due(NOW, Instant.parse("2026-11-22T10:14:00Z")))
                .containsExactly("2026-11-22T10:10:00Z", "2026-11-22T10:20:00Z");
    }

    @Test
    void archiveDaysEndAfterDaysAgoAndSpanTheCatchUpWindow() {
        assertThat(new ArchiveDays(30, 3).due(NOW, NOW)).containsExactly("2026-10-21", "2026-10-22", "2026-10-23");
    }

    @Test
    void settingsHaveDefaultsAndRefuseAnArchiveTheRetentionWouldBeat() {
        MaintenanceSettings defaults = MaintenanceSettings.fromMap(Map.of());
        assertThat(defaults.summaryPeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.silentAfter()).isEqualTo(Duration.ofHours(72));
        defaults.checkAgainstRetention(1095);
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.checkAgainstRetention(60));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MaintenanceSettings.fromMap(Map.of("vitalstorm.archive.after.days", 0)));
        assertThat(MaintenanceSettings.fromMap(Map.of("vitalstorm.maintenance.summary.period.seconds", "2"))
                .summaryPeriod())
                .isEqualTo(Duration.ofSeconds(2));
    }
}
