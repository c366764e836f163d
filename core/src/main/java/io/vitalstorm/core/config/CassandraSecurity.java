package io.vitalstorm.core.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How VitalStorm's Cassandra sessions log in and whether they may change the schema, from the
 * {@code vitalstorm.cassandra.*} security keys (docs/security.md). A cluster install logs in as a
 * runtime role with DML rights only and sets {@code schemaAtStart=false}: the schema is applied
 * once by {@code ./vitalstorm schema apply} with an admin role, never by every worker at start.
 * The defaults (no login, schema at start) are the local demo and the shared test server.
 */
public record CassandraSecurity(String username, String passwordFile, boolean schemaAtStart) implements Serializable {

    public static final String USERNAME = "vitalstorm.cassandra.username";
    public static final String PASSWORD_FILE = "vitalstorm.cassandra.password.file";
    public static final String SCHEMA_AT_START = "vitalstorm.cassandra.schema.at.start";

    public static final Map<String, Object> DEFAULTS;

    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(USERNAME, "");
        d.put(PASSWORD_FILE, "");
        d.put(SCHEMA_AT_START, "true");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    public CassandraSecurity {
        if (!username.isEmpty() && passwordFile.isEmpty()) {
            throw new IllegalArgumentException(PASSWORD_FILE + " is required with " + USERNAME);
        }
        if (!username.matches("[A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(USERNAME + " must be letters, digits and '_' (a Cassandra role name)");
        }
    }

    public static CassandraSecurity fromMap(Map<String, ?> conf) {
        String atStart = str(conf, SCHEMA_AT_START).toLowerCase(Locale.ROOT);
        if (!atStart.equals("true") && !atStart.equals("false")) {
            throw new IllegalArgumentException(SCHEMA_AT_START + " must be true or false, was '" + atStart + "'");
        }
        return new CassandraSecurity(str(conf, USERNAME), str(conf, PASSWORD_FILE), Boolean.parseBoolean(atStart));
    }

    /** A runtime role that logs in and never changes the schema: the setting of every cluster install. */
    public static CassandraSecurity runtimeRole(String username, Path passwordFile) {
        return new CassandraSecurity(username, passwordFile.toString(), false);
    }

    public boolean logsIn() {
        return !username.isEmpty();
    }

    /** The password, read (mode checked) when the session is opened. */
    public String password() {
        return SecretFiles.read(PASSWORD_FILE, Path.of(passwordFile));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(USERNAME, username);
        m.put(PASSWORD_FILE, passwordFile);
        m.put(SCHEMA_AT_START, String.valueOf(schemaAtStart));
        return m;
    }

    private static String str(Map<String, ?> conf, String key) {
        Object v = conf.containsKey(key) ? conf.get(key) : DEFAULTS.get(key);
        return v == null ? "" : v.toString().strip();
    }
}
