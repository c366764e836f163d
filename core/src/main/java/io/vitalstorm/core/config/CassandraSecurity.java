package io.vitalstorm.core.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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

    public static final Setting.Text USERNAME_SETTING = new Setting.Text(
            USERNAME, "",
            "the runtime role the sessions log in as (PasswordAuthenticator); empty: no login (local demo, "
            + "shared test server)");
    public static final Setting.Text PASSWORD_FILE_SETTING = new Setting.Text(
            PASSWORD_FILE, "",
            "file holding its password (mode 0600; required with a username)");
    public static final Setting.Choice SCHEMA_AT_START_SETTING = Setting.Choice.bool(
            SCHEMA_AT_START, true,
            "`true`: every session creates the keyspace and tables if missing (demo, tests); `false` (every "
            + "cluster install): sessions only check the keyspace exists, the schema comes from `./vitalstorm "
            + "schema apply` with an admin role");

    public static final List<Setting> ALL = List.of(
            USERNAME_SETTING, PASSWORD_FILE_SETTING, SCHEMA_AT_START_SETTING);

    public static final Map<String, Object> DEFAULTS = Setting.defaults(ALL);

    public CassandraSecurity {
        if (!username.isEmpty() && passwordFile.isEmpty()) {
            throw new IllegalArgumentException(PASSWORD_FILE + " is required with " + USERNAME);
        }
        if (!username.matches("[A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(USERNAME + " must be letters, digits and '_' (a Cassandra role name)");
        }
    }

    public static CassandraSecurity fromMap(Map<String, ?> conf) {
        String atStart = SCHEMA_AT_START_SETTING.read(conf).toLowerCase(Locale.ROOT);
        if (!atStart.equals("true") && !atStart.equals("false")) {
            throw new IllegalArgumentException(SCHEMA_AT_START + " must be true or false, was '" + atStart + "'");
        }
        return new CassandraSecurity(USERNAME_SETTING.readStripped(conf), PASSWORD_FILE_SETTING.readStripped(conf),
                Boolean.parseBoolean(atStart));
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
}
