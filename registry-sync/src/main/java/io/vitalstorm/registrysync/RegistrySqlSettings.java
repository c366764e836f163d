package io.vitalstorm.registrysync;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to read the hospital's patients ({@code vitalstorm.registry.sql.*}, docs/registry-sync.md):
 * the JDBC URL, user and password file, the query (any SELECT, joins welcome), the update-time
 * column for incremental runs (none: a full diff each run), and which column holds which profile
 * field ({@code column.<field>}, {@code identifier.<system>}).
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
            throw new IllegalArgumentException(PREFIX + "updated.column must be a plain column name, was '" + updatedColumn + "'");
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
        Object url = conf.get(PREFIX + "url");
        return url != null && !String.valueOf(url).isBlank();
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
        return new RegistrySqlSettings(str(conf, "name", "hospital"), str(conf, "url", null), str(conf, "user", null),
                str(conf, "password.file", null), str(conf, "query", null), str(conf, "updated.column", null),
                Duration.ofSeconds(whole(conf, "overlap.seconds", 300)), Duration.ofSeconds(whole(conf, "period.seconds", 60)),
                columns, identifiers);
    }

    private static String str(Map<String, ?> conf, String key, String fallback) {
        Object v = conf.get(PREFIX + key);
        return v == null ? fallback : String.valueOf(v).trim();
    }

    private static long whole(Map<String, ?> conf, String key, long fallback) {
        String v = str(conf, key, null);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be a whole number, was '" + v + "'", e);
        }
    }
}
