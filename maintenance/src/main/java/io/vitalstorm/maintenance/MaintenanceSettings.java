package io.vitalstorm.maintenance;

import io.vitalstorm.core.config.Setting;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The maintenance keys of the topology configuration (docs/maintenance.md): each declared once as
 * a {@link Setting} in {@link #ALL}, documented in docs/configuration.md (MaintenanceSettingsTest).
 * Periods are in seconds so tests can run the jobs every few seconds.
 */
public record MaintenanceSettings(
        boolean enabled,
        Duration tick,
        int catchUpSlots,
        Duration summaryPeriod,
        Duration sweepPeriod,
        Duration silentAfter,
        Duration auditCopyPeriod,
        int archiveAfterDays,
        int archiveCatchUpDays,
        String archiveDir,
        Map<String, String> registrySql) implements Serializable {

    private static final long MONTH_SECONDS = 30L * 24 * 3600;

    public static final Setting.Choice ENABLED = Setting.Choice.bool("vitalstorm.maintenance.enabled", true,
            "one maintenance contender per worker");
    public static final Setting.Whole TICK_MS = new Setting.Whole("vitalstorm.maintenance.tick.ms", 5_000, 1, 3_600_000,
            "how often the leader looks for due slots");
    public static final Setting.Whole SUMMARY_PERIOD_SECONDS = new Setting.Whole(
            "vitalstorm.maintenance.summary.period.seconds", 600, 1, MONTH_SECONDS, "care-team summaries");
    public static final Setting.Whole SWEEP_PERIOD_SECONDS = new Setting.Whole(
            "vitalstorm.maintenance.sweep.period.seconds", 3_600, 1, MONTH_SECONDS, "stale-state sweep");
    public static final Setting.Whole SILENT_HOURS = new Setting.Whole("vitalstorm.sweep.silent.hours", 72, 1, 87_600,
            "live state of patients silent this long is swept");
    public static final Setting.Whole AUDIT_PERIOD_SECONDS = new Setting.Whole(
            "vitalstorm.maintenance.audit.period.seconds", 60, 1, MONTH_SECONDS, "thresholds audit copy to Cassandra");
    public static final Setting.Whole CATCHUP_SLOTS = new Setting.Whole("vitalstorm.maintenance.catchup.slots", 6, 0,
            10_000, "periodic slots a new leader still runs if missed");
    public static final Setting.Whole ARCHIVE_AFTER_DAYS = new Setting.Whole("vitalstorm.archive.after.days", 30, 1,
            36_500, "history older than this is archived (at least 1: a day is archived once it is over)");
    public static final Setting.Whole ARCHIVE_CATCHUP_DAYS = new Setting.Whole("vitalstorm.archive.catchup.days", 60, 0,
            36_500, "days a new leader still archives if missed (their sum must stay below the retention)");
    public static final Setting.Text ARCHIVE_DIR = new Setting.Text("vitalstorm.archive.dir",
            "/var/lib/vitalstorm/archive", "shared storage on a multi-host cluster");

    /** Every maintenance setting, in the order of docs/configuration.md. */
    public static final List<Setting> ALL = List.of(ENABLED, TICK_MS, SUMMARY_PERIOD_SECONDS, SWEEP_PERIOD_SECONDS,
            SILENT_HOURS, AUDIT_PERIOD_SECONDS, CATCHUP_SLOTS, ARCHIVE_AFTER_DAYS, ARCHIVE_CATCHUP_DAYS, ARCHIVE_DIR);

    public static final Map<String, Object> DEFAULTS = Setting.defaults(ALL);

    /** The keys of the SQL registry sync ({@code vitalstorm.registry.sql.*}); its job runs only when a URL is set. */
    public static final String REGISTRY_SQL_PREFIX = "vitalstorm.registry.sql.";

    public MaintenanceSettings {
        registrySql = registrySql == null ? Map.of() : Map.copyOf(registrySql);
        if (archiveAfterDays < 1) {
            throw new IllegalArgumentException(
                    "vitalstorm.archive.after.days must be at least 1 (a day is archived once it is over)");
        }
    }

    public static MaintenanceSettings fromMap(Map<String, ?> conf) {
        return new MaintenanceSettings(
                bool(conf, ENABLED),
                Duration.ofMillis(TICK_MS.read(conf)),
                CATCHUP_SLOTS.readInt(conf),
                Duration.ofSeconds(SUMMARY_PERIOD_SECONDS.read(conf)),
                Duration.ofSeconds(SWEEP_PERIOD_SECONDS.read(conf)),
                Duration.ofHours(SILENT_HOURS.read(conf)),
                Duration.ofSeconds(AUDIT_PERIOD_SECONDS.read(conf)),
                ARCHIVE_AFTER_DAYS.readInt(conf),
                ARCHIVE_CATCHUP_DAYS.readInt(conf),
                ARCHIVE_DIR.readStripped(conf),
                registrySql(conf));
    }

    /** true or false in any case, as YAML and -c give it; anything else is refused with the key named. */
    private static boolean bool(Map<String, ?> conf, Setting.Choice setting) {
        String v = setting.read(conf).toLowerCase(Locale.ROOT);
        if (!setting.values().contains(v)) {
            throw new IllegalArgumentException(setting.key() + " must be one of " + setting.values() + ", was '"
                    + setting.read(conf) + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static Map<String, String> registrySql(Map<String, ?> conf) {
        Map<String, String> m = new LinkedHashMap<>();
        conf.forEach((k, v) -> {
            if (k.startsWith(REGISTRY_SQL_PREFIX) && v != null) {
                m.put(k, String.valueOf(v));
            }
        });
        return m;
    }

    /** Refuses an archive age the retention TTL would beat: a day must be exported before its rows expire. */
    public void checkAgainstRetention(int retentionDays) {
        if (archiveAfterDays + archiveCatchUpDays >= retentionDays) {
            throw new IllegalArgumentException("vitalstorm.archive.after.days + vitalstorm.archive.catchup.days ("
                    + (archiveAfterDays + archiveCatchUpDays) + ") must stay below vitalstorm.retention.days ("
                    + retentionDays + ")");
        }
    }
}
