package io.vitalstorm.maintenance;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The maintenance keys of the topology configuration (docs/maintenance.md), with their defaults.
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

    public static final Map<String, Object> DEFAULTS;

    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("vitalstorm.maintenance.enabled", true);
        d.put("vitalstorm.maintenance.tick.ms", 5_000);
        d.put("vitalstorm.maintenance.catchup.slots", 6);
        d.put("vitalstorm.maintenance.summary.period.seconds", 600);
        d.put("vitalstorm.maintenance.sweep.period.seconds", 3_600);
        d.put("vitalstorm.sweep.silent.hours", 72);
        d.put("vitalstorm.maintenance.audit.period.seconds", 60);
        d.put("vitalstorm.archive.after.days", 30);
        d.put("vitalstorm.archive.catchup.days", 60);
        d.put("vitalstorm.archive.dir", "/var/lib/vitalstorm/archive");
        DEFAULTS = Map.copyOf(d);
    }

    /** The keys of the SQL registry sync ({@code vitalstorm.registry.sql.*}); its job runs only when a URL is set. */
    public static final String REGISTRY_SQL_PREFIX = "vitalstorm.registry.sql.";

    public MaintenanceSettings {
        registrySql = registrySql == null ? Map.of() : Map.copyOf(registrySql);
        if (archiveAfterDays < 1) {
            throw new IllegalArgumentException("vitalstorm.archive.after.days must be at least 1 (a day is archived once it is over)");
        }
    }

    public static MaintenanceSettings fromMap(Map<String, ?> conf) {
        return new MaintenanceSettings(
                Boolean.parseBoolean(value(conf, "vitalstorm.maintenance.enabled")),
                Duration.ofMillis(whole(conf, "vitalstorm.maintenance.tick.ms")),
                (int) whole(conf, "vitalstorm.maintenance.catchup.slots"),
                Duration.ofSeconds(whole(conf, "vitalstorm.maintenance.summary.period.seconds")),
                Duration.ofSeconds(whole(conf, "vitalstorm.maintenance.sweep.period.seconds")),
                Duration.ofHours(whole(conf, "vitalstorm.sweep.silent.hours")),
                Duration.ofSeconds(whole(conf, "vitalstorm.maintenance.audit.period.seconds")),
                (int) whole(conf, "vitalstorm.archive.after.days"),
                (int) whole(conf, "vitalstorm.archive.catchup.days"),
                value(conf, "vitalstorm.archive.dir"),
                registrySql(conf));
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
                    + (archiveAfterDays + archiveCatchUpDays) + ") must stay below vitalstorm.retention.days (" + retentionDays + ")");
        }
    }

    private static String value(Map<String, ?> conf, String key) {
        return String.valueOf(conf.containsKey(key) ? conf.get(key) : DEFAULTS.get(key)).trim();
    }

    private static long whole(Map<String, ?> conf, String key) {
        String v = value(conf, key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'", e);
        }
    }
}
