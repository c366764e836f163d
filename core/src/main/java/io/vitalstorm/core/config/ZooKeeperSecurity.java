package io.vitalstorm.core.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How VitalStorm's ZooKeeper clients authenticate, from the {@code vitalstorm.zookeeper.*}
 * security keys (docs/security.md). With {@code sasl} every client logs in with SASL DIGEST-MD5:
 * the topology as {@code saslUsername} (password from a 0600 file), the operator's tools with the
 * operator's own credentials; znode ACLs then name {@code sasl:<user>} identities and the topology
 * trusts a thresholds document only if nobody but {@code operatorPrincipal} can change it.
 * {@code none} is the local demo and the shared test servers: no login, no ACL checks by the topology.
 */
public record ZooKeeperSecurity(String auth, String saslUsername, String saslPasswordFile, String operatorPrincipal)
        implements Serializable {

    public static final String AUTH = "vitalstorm.zookeeper.auth";
    public static final String SASL_USERNAME = "vitalstorm.zookeeper.sasl.username";
    public static final String SASL_PASSWORD_FILE = "vitalstorm.zookeeper.sasl.password.file";
    public static final String OPERATOR_PRINCIPAL = "vitalstorm.zookeeper.operator.principal";

    public static final Setting.Choice AUTH_SETTING = new Setting.Choice(
            AUTH, "none",
            List.of("none", "sasl"),
            "`none` (local demo, shared test servers: no login, no ACL checks) or `sasl` (every cluster install: "
            + "SASL DIGEST-MD5 login, ACLs checked)");
    public static final Setting.Text SASL_USERNAME_SETTING = new Setting.Text(
            SASL_USERNAME, "topology",
            "the topology's SASL user; the maintenance and leader znodes are writable by it only");
    public static final Setting.Text SASL_PASSWORD_FILE_SETTING = new Setting.Text(
            SASL_PASSWORD_FILE, "",
            "file holding its password (required with `sasl`)");
    public static final Setting.Text OPERATOR_PRINCIPAL_SETTING = new Setting.Text(
            OPERATOR_PRINCIPAL, "operator",
            "the only SASL user that may change thresholds; the topology refuses a document anyone else could "
            + "change");

    public static final List<Setting> ALL = List.of(
            AUTH_SETTING, SASL_USERNAME_SETTING, SASL_PASSWORD_FILE_SETTING,
            OPERATOR_PRINCIPAL_SETTING);

    public static final Map<String, Object> DEFAULTS = Setting.defaults(ALL);

    public ZooKeeperSecurity {
        if (!auth.equals("none") && !auth.equals("sasl")) {
            throw new IllegalArgumentException(AUTH + " must be none or sasl, was '" + auth + "'");
        }
        if (auth.equals("sasl")) {
            requireName(SASL_USERNAME, saslUsername);
            requireName(OPERATOR_PRINCIPAL, operatorPrincipal);
            if (saslPasswordFile == null || saslPasswordFile.isBlank()) {
                throw new IllegalArgumentException(SASL_PASSWORD_FILE + " is required with " + AUTH + "=sasl");
            }
            if (saslUsername.equals(operatorPrincipal)) {
                throw new IllegalArgumentException(SASL_USERNAME + " and " + OPERATOR_PRINCIPAL
                        + " must differ: the topology may not change thresholds");
            }
        }
    }

    public static ZooKeeperSecurity fromMap(Map<String, ?> conf) {
        return new ZooKeeperSecurity(AUTH_SETTING.read(conf).toLowerCase(Locale.ROOT),
                SASL_USERNAME_SETTING.readStripped(conf),
                SASL_PASSWORD_FILE_SETTING.readStripped(conf), OPERATOR_PRINCIPAL_SETTING.readStripped(conf));
    }

    public static ZooKeeperSecurity none() {
        return fromMap(Map.of());
    }

    /** SASL with the topology logging in as {@code username}; the setting of every cluster install. */
    public static ZooKeeperSecurity sasl(String username, Path passwordFile, String operatorPrincipal) {
        return new ZooKeeperSecurity("sasl", username, passwordFile.toString(), operatorPrincipal);
    }

    public boolean sasl() {
        return auth.equals("sasl");
    }

    /** The topology's password, read (mode checked) when a client is created on the worker. */
    public String saslPassword() {
        return SecretFiles.read(SASL_PASSWORD_FILE, Path.of(saslPasswordFile));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(AUTH, auth);
        m.put(SASL_USERNAME, saslUsername);
        m.put(SASL_PASSWORD_FILE, saslPasswordFile);
        m.put(OPERATOR_PRINCIPAL, operatorPrincipal);
        return m;
    }

    private static void requireName(String key, String value) {
        if (value == null || value.isBlank() || value.chars().anyMatch(c -> c == '"' || c == '\\' || c == ':'
                || Character.isWhitespace(c) || c < 0x20)) {
            throw new IllegalArgumentException(key
                    + " must be a non-empty name without quotes, ':', '\\' or white space");
        }
    }
}
