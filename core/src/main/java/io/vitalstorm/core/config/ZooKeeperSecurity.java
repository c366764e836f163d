package io.vitalstorm.core.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    public static final Map<String, Object> DEFAULTS;

    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(AUTH, "none");
        d.put(SASL_USERNAME, "topology");
        d.put(SASL_PASSWORD_FILE, "");
        d.put(OPERATOR_PRINCIPAL, "operator");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

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
        return new ZooKeeperSecurity(str(conf, AUTH).toLowerCase(Locale.ROOT), str(conf, SASL_USERNAME),
                str(conf, SASL_PASSWORD_FILE), str(conf, OPERATOR_PRINCIPAL));
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
            throw new IllegalArgumentException(key + " must be a non-empty name without quotes, ':', '\\' or white space");
        }
    }

    private static String str(Map<String, ?> conf, String key) {
        Object v = conf.containsKey(key) ? conf.get(key) : DEFAULTS.get(key);
        return v == null ? "" : v.toString().strip();
    }
}
