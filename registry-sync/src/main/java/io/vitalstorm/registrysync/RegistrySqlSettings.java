package io.vitalstorm.registrysync;

import io.vitalstorm.core.config.Setting;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to read the hospital's patients ({@code vitalstorm.registry.sql.*}, docs/registry-sync.md):
 * the JDBC URL, user and password file, the query (any SELECT, joins welcome), the update-time
 * column for incremental runs (none: a full diff each run), and which column holds which profile
 * field ({@code column.<field>}, {@code identifier.<system>}). The single keys are declared once in
 * {@link #ALL} and documented in docs/configuration.md (RegistrySqlSettingsTest); the column and
 * identifier families in docs/registry-sync.md.
 */
public record RegistrySqlSettings(
        String name,
        String jdbcUrl,
        String user,
        String passwordFile,
        String query,
        String updatedColumn,
        Duration overlap,
        Duration period,
        Map<String, String> columns,
        Map<String, String> identifiers) {

    public static final String PREFIX = "vitalstorm.registry.sql.";

    public static final Setting.Text NAME = new Setting.Text(PREFIX + "name", "hospital",
            "names this source's watermark and row snapshot");
    public static final Setting.Text URL = new Setting.Text(PREFIX + "url", "",
            "JDBC URL of the hospital database; the sync runs only when it is set");
    public static final Setting.Text USER = new Setting.Text(PREFIX + "user", "", "database user (a read-only role)");
    public static final Setting.Text PASSWORD_FILE = new Setting.Text(PREFIX + "password.file", "",
            "file holding the user's password (mode 0600)");
    public static final Setting.Text QUERY = new Setting.Text(PREFIX + "query", "",
            "a SELECT of one row per patient, required when the URL is set");
    public static final Setting.Text UPDATED_COLUMN = new Setting.Text(PREFIX + "updated.column", "",
            "update-time column for incremental runs (none: a full diff each run)");
    public static final Setting.Whole OVERLAP_SECONDS = new Setting.Whole(PREFIX + "overlap.seconds", 300, 0, 86_400,
            "re-read window below the watermark of an incremental run");
    public static final Setting.Whole PERIOD_SECONDS = new Setting.Whole(PREFIX + "period.seconds", 60, 1, 86_400,
            "the maintenance leader's schedule for the sync");

    /** Every single-key setting, in the order of docs/configuration.md. */
    public static final List<Setting> ALL = List.of(NAME, URL, USER, PASSWORD_FILE, QUERY, UPDATED_COLUMN,
            OVERLAP_SECONDS, PERIOD_SECONDS);
    /** The profile fields a column may be mapped to, with the column read when none is configured. */
    public static final Map<String, String> DEFAULT_COLUMNS;
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("id", "patient_id");
        d.put("name", "name");
        d.put("age", "age");
        d.put("birth.date", "birth_date");
        d.put("ward", "ward");
        d.put("care.team", "care_team");
        d.put("doctor", "doctor");
        d.put("spo2.scale", "spo2_scale");
        d.put("contact", "contact");
        d.put("deleted", "deleted");
        DEFAULT_COLUMNS = Map.copyOf(d);
    }

    public RegistrySqlSettings {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "url is required (e.g. jdbc:postgresql://db:5432/hospital)");
        }
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "query is required (a SELECT of one row per patient)");
        }
        if (updatedColumn != null && updatedColumn.isBlank()) {
            updatedColumn = null;
        }
        if (updatedColumn != null && !COLUMN_NAME.matcher(updatedColumn).matches()) {
            throw new IllegalArgumentException(PREFIX + "updated.column must be a plain column name, was '"
                    + updatedColumn + "'");
        }
        for (String f : columns.keySet()) {
            if (!DEFAULT_COLUMNS.containsKey(f)) {
                throw new IllegalArgumentException("unknown profile field " + PREFIX + "column." + f
                        + " (known: " + String.join(", ", DEFAULT_COLUMNS.keySet()) + ")");
            }
        }
        columns = Map.copyOf(columns);
        identifiers = Map.copyOf(identifiers);
    }

    public boolean incremental() {
        return updatedColumn != null;
    }

    /** The column of a profile field: the configured one, else the default name. */
    public String column(String field) {
        return columns.getOrDefault(field, DEFAULT_COLUMNS.get(field));
    }

    /** Whether the field's column was configured explicitly (then it must exist in the query's result). */
    public boolean configured(String field) {
        return columns.containsKey(field);
    }

    /** Whether the topology configuration has a SQL registry at all. */
    public static boolean present(Map<String, ?> conf) {
        return text(conf, URL) != null;
    }

    public static RegistrySqlSettings fromMap(Map<String, ?> conf) {
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, String> identifiers = new LinkedHashMap<>();
        conf.forEach((k, v) -> {
            if (k.startsWith(PREFIX + "column.")) {
                columns.put(k.substring((PREFIX + "column.").length()), String.valueOf(v).trim());
            } else if (k.startsWith(PREFIX + "identifier.")) {
                identifiers.put(k.substring((PREFIX + "identifier.").length()), String.valueOf(v).trim());
            }
        });
        return new RegistrySqlSettings(NAME.readStripped(conf), text(conf, URL), text(conf, USER),
                text(conf, PASSWORD_FILE), text(conf, QUERY), text(conf, UPDATED_COLUMN),
                Duration.ofSeconds(OVERLAP_SECONDS.read(conf)), Duration.ofSeconds(PERIOD_SECONDS.read(conf)),
                columns, identifiers);
    }

    /** The value stripped, null when absent or empty (the record's checks name what is missing). */
    private static String text(Map<String, ?> conf, Setting.Text setting) {
        String v = setting.readStripped(conf);
        return v.isEmpty() ? null : v;
    }
}
