package io.vitalstorm.core.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How every VitalStorm Kafka client (spouts, KafkaBolt, maintenance, CLI tools, bench, tests)
 * authenticates and encrypts, from the {@code vitalstorm.kafka.*} security keys. The one place
 * that turns those keys into Kafka client properties.
 *
 * <p>Secrets never become property values: the password and the truststore password are
 * {@code ${vsfile:<dir>:<name>}} references that Kafka resolves through {@link #SECRET_PROVIDER_CLASS}
 * when the client is created (on the worker), so the topology configuration, the serialized spout
 * and bolt, the Storm UI and the logs only ever hold file paths.
 */
public record KafkaSecurity(
        String protocol,
        String saslMechanism,
        String saslUsername,
        String saslPasswordFile,
        String truststoreFile,
        String truststorePasswordFile,
        String truststoreType,
        String endpointIdentification) implements Serializable {

    public static final String PROTOCOL = "vitalstorm.kafka.security.protocol";
    public static final String SASL_MECHANISM = "vitalstorm.kafka.sasl.mechanism";
    public static final String SASL_USERNAME = "vitalstorm.kafka.sasl.username";
    public static final String SASL_PASSWORD_FILE = "vitalstorm.kafka.sasl.password.file";
    public static final String TRUSTSTORE_FILE = "vitalstorm.kafka.ssl.truststore.file";
    public static final String TRUSTSTORE_PASSWORD_FILE = "vitalstorm.kafka.ssl.truststore.password.file";
    public static final String TRUSTSTORE_TYPE = "vitalstorm.kafka.ssl.truststore.type";
    public static final String ENDPOINT_IDENTIFICATION = "vitalstorm.kafka.ssl.endpoint.identification";

    /** Kafka ConfigProvider (storage module) that reads a secret file after checking its mode. */
    public static final String SECRET_PROVIDER_CLASS = "io.vitalstorm.storage.kafka.SecretFileConfigProvider";
    static final String PROVIDER = "vsfile";

    /** Defaults: plaintext, as the local demo and the shared test servers run; clusters set SASL_SSL. */
    public static final Setting.Choice PROTOCOL_SETTING = new Setting.Choice(
            PROTOCOL, "PLAINTEXT",
            List.of("PLAINTEXT", "SSL", "SASL_SSL"),
            "`PLAINTEXT` (local demo, shared test servers), `SSL` or `SASL_SSL` (every cluster install)");
    public static final Setting.Choice SASL_MECHANISM_SETTING = new Setting.Choice(
            SASL_MECHANISM, "SCRAM-SHA-512",
            List.of("SCRAM-SHA-512", "SCRAM-SHA-256"),
            "or `SCRAM-SHA-256`");
    public static final Setting.Text SASL_USERNAME_SETTING = new Setting.Text(
            SASL_USERNAME, "",
            "the client's SCRAM principal (required with SASL_SSL)");
    public static final Setting.Text SASL_PASSWORD_FILE_SETTING = new Setting.Text(
            SASL_PASSWORD_FILE, "",
            "file holding its password (required with SASL_SSL)");
    public static final Setting.Text TRUSTSTORE_FILE_SETTING = new Setting.Text(
            TRUSTSTORE_FILE, "",
            "trust store of the brokers' CA; empty: the JDK's default trust store");
    public static final Setting.Text TRUSTSTORE_PASSWORD_FILE_SETTING = new Setting.Text(
            TRUSTSTORE_PASSWORD_FILE, "",
            "file holding the trust store's password (required with a trust store)");
    public static final Setting.Choice TRUSTSTORE_TYPE_SETTING = new Setting.Choice(
            TRUSTSTORE_TYPE, "PKCS12",
            List.of("PKCS12", "JKS"),
            "or `JKS`");
    public static final Setting.Text ENDPOINT_IDENTIFICATION_SETTING = new Setting.Text(
            ENDPOINT_IDENTIFICATION, "https",
            "broker host name checked against its certificate; empty turns the check off (not for production)");

    public static final List<Setting> ALL = List.of(
            PROTOCOL_SETTING, SASL_MECHANISM_SETTING, SASL_USERNAME_SETTING,
            SASL_PASSWORD_FILE_SETTING, TRUSTSTORE_FILE_SETTING, TRUSTSTORE_PASSWORD_FILE_SETTING,
            TRUSTSTORE_TYPE_SETTING, ENDPOINT_IDENTIFICATION_SETTING);

    public static final Map<String, Object> DEFAULTS = Setting.defaults(ALL);

    public KafkaSecurity {
        if (!PROTOCOL_SETTING.values().contains(protocol)) {
            throw new IllegalArgumentException(PROTOCOL + " must be one of PLAINTEXT, SSL, SASL_SSL, was '"
                    + protocol + "'");
        }
        if (protocol.equals("SASL_SSL")) {
            if (!SASL_MECHANISM_SETTING.values().contains(saslMechanism)) {
                throw new IllegalArgumentException(SASL_MECHANISM + " must be SCRAM-SHA-512 or SCRAM-SHA-256, was '"
                        + saslMechanism + "'");
            }
            require(SASL_USERNAME, saslUsername, protocol);
            require(SASL_PASSWORD_FILE, saslPasswordFile, protocol);
            if (saslUsername.chars()
                    .anyMatch(c -> c == '"' || c == '\\' || c == ';' || Character.isWhitespace(c) || c < 0x20)) {
                throw new IllegalArgumentException(SASL_USERNAME
                        + " may not contain quotes, backslashes, ';' or white space");
            }
        }
        if (!protocol.equals("PLAINTEXT") && !blank(truststoreFile)) {
            require(TRUSTSTORE_PASSWORD_FILE, truststorePasswordFile, TRUSTSTORE_FILE + " set");
        }
        if (!endpointIdentification.isEmpty() && !endpointIdentification.equals("https")) {
            throw new IllegalArgumentException(ENDPOINT_IDENTIFICATION
                    + " must be https (host name checked) or empty, was '"
                    + endpointIdentification + "'");
        }
    }

    public static KafkaSecurity fromMap(Map<String, ?> conf) {
        return new KafkaSecurity(PROTOCOL_SETTING.read(conf).toUpperCase(java.util.Locale.ROOT),
                SASL_MECHANISM_SETTING.read(conf), SASL_USERNAME_SETTING.readStripped(conf),
                SASL_PASSWORD_FILE_SETTING.readStripped(conf), TRUSTSTORE_FILE_SETTING.readStripped(conf),
                TRUSTSTORE_PASSWORD_FILE_SETTING.readStripped(conf), TRUSTSTORE_TYPE_SETTING.read(conf),
                ENDPOINT_IDENTIFICATION_SETTING.readStripped(conf));
    }

    /** SASL_SSL with SCRAM-SHA-512: the setting of every cluster install. */
    public static KafkaSecurity saslSsl(String username, Path passwordFile, Path truststore,
            Path truststorePasswordFile) {
        return new KafkaSecurity("SASL_SSL", "SCRAM-SHA-512", username, passwordFile.toString(), truststore.toString(),
                truststorePasswordFile.toString(), "PKCS12", "https");
    }

    public static KafkaSecurity plaintext() {
        return fromMap(Map.of());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(PROTOCOL, protocol);
        m.put(SASL_MECHANISM, saslMechanism);
        m.put(SASL_USERNAME, saslUsername);
        m.put(SASL_PASSWORD_FILE, saslPasswordFile);
        m.put(TRUSTSTORE_FILE, truststoreFile);
        m.put(TRUSTSTORE_PASSWORD_FILE, truststorePasswordFile);
        m.put(TRUSTSTORE_TYPE, truststoreType);
        m.put(ENDPOINT_IDENTIFICATION, endpointIdentification);
        return m;
    }

    /** The same identity on another principal: a CLI tool or a device simulator with credentials of its own. */
    public KafkaSecurity as(String username, Path passwordFile) {
        return new KafkaSecurity(protocol, saslMechanism, username, passwordFile.toString(), truststoreFile,
                truststorePasswordFile, truststoreType, endpointIdentification);
    }

    /**
     * Properties to add to a producer, consumer or admin client: empty for PLAINTEXT; holds file
     * references only, never a secret.
     */
    public Map<String, String> clientProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        if (protocol.equals("PLAINTEXT")) {
            return p;
        }
        p.put("security.protocol", protocol);
        p.put("config.providers", PROVIDER);
        p.put("config.providers." + PROVIDER + ".class", SECRET_PROVIDER_CLASS);
        if (!blank(truststoreFile)) {
            p.put("ssl.truststore.location", truststoreFile);
            p.put("ssl.truststore.type", truststoreType);
            p.put("ssl.truststore.password", reference(truststorePasswordFile));
        }
        p.put("ssl.endpoint.identification.algorithm", endpointIdentification);
        if (protocol.equals("SASL_SSL")) {
            p.put("sasl.mechanism", saslMechanism);
            // the login module's password is resolved from the file when the client is created
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + saslUsername + "\" password=\"" + reference(saslPasswordFile) + "\";");
        }
        return p;
    }

    /** {@code ${vsfile:<dir>:<name>}}: Kafka's placeholder syntax allows no ':' inside the path. */
    private static String reference(String file) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        String dir = path.getParent().toString();
        String name = path.getFileName().toString();
        if (dir.contains(":") || dir.contains("}") || name.contains(":") || name.contains("}")) {
            throw new IllegalArgumentException("secret file path may not contain ':' or '}': " + file);
        }
        return "${" + PROVIDER + ":" + dir + ":" + name + "}";
    }

    private static void require(String key, String value, String because) {
        if (blank(value)) {
            throw new IllegalArgumentException(key + " is required with " + because);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
