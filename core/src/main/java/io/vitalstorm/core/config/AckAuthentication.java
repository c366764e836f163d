package io.vitalstorm.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.alert.AckKeys;
import io.vitalstorm.core.alert.AckSignatures;
import io.vitalstorm.core.alert.AckVerifier;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Who may acknowledge an alert, from the {@code vitalstorm.acks.*} keys (docs/security.md). With
 * {@code signed} (the default) the topology accepts only acknowledgements signed (HMAC-SHA256) by a
 * key of {@code keysFile}; with none configured it accepts none. {@code unsigned} must be set
 * explicitly. {@code signingKeyFile} is the signer's own key (the web tier's, an operator's).
 * Only file paths are held here: the keys are read where they are used.
 */
public record AckAuthentication(String auth, String keysFile, String signingKeyFile, long maxAgeSeconds)
        implements Serializable {

    public static final String AUTH = "vitalstorm.acks.auth";
    public static final String KEYS_FILE = "vitalstorm.acks.keys.file";
    public static final String SIGNING_KEY_FILE = "vitalstorm.acks.signing.key.file";
    public static final Setting MAX_AGE = new Setting("vitalstorm.acks.max.age.seconds", 300, 10, 86_400,
            "how far an acknowledgement's signed ts may be from the topology's clock; older ones are refused as stale");

    public static final Map<String, Object> DEFAULTS;

    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(AUTH, "signed");
        d.put(KEYS_FILE, "");
        d.put(SIGNING_KEY_FILE, "");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    public AckAuthentication {
        if (!auth.equals("signed") && !auth.equals("unsigned")) {
            throw new IllegalArgumentException(AUTH + " must be signed or unsigned, was '" + auth + "'");
        }
    }

    public static AckAuthentication fromMap(Map<String, ?> conf) {
        return new AckAuthentication(str(conf, AUTH).toLowerCase(Locale.ROOT), str(conf, KEYS_FILE),
                str(conf, SIGNING_KEY_FILE), MAX_AGE.read(conf));
    }

    /** The verifier of the topology; with {@code signed} and no keys file it refuses every acknowledgement. */
    public AckVerifier verifier() {
        Map<String, AckKeys.Key> keys = keysFile.isBlank() ? Map.of() : AckKeys.read(KEYS_FILE, Path.of(keysFile));
        return new AckVerifier(keys, maxAgeSeconds * 1000, auth.equals("signed"));
    }

    /** The signer's key, or null when no signing key file is configured (then acknowledgements go unsigned). */
    public AckKeys.Key signingKey() {
        return signingKeyFile.isBlank() ? null : AckKeys.single(SIGNING_KEY_FILE, Path.of(signingKeyFile));
    }

    /**
     * Signs an acknowledgement record with the signing key, if one is configured (else it goes
     * unsigned, and a topology with {@code signed} dead-letters it); the key file is read each time,
     * so a rotated key takes effect at once.
     */
    public ObjectNode signIfKeyed(ObjectNode ack) {
        AckKeys.Key key = signingKey();
        return key == null ? ack : AckSignatures.sign(ack, key);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(AUTH, auth);
        m.put(KEYS_FILE, keysFile);
        m.put(SIGNING_KEY_FILE, signingKeyFile);
        m.put(MAX_AGE.key(), maxAgeSeconds);
        return m;
    }

    private static String str(Map<String, ?> conf, String key) {
        Object v = conf.containsKey(key) ? conf.get(key) : DEFAULTS.get(key);
        return v == null ? "" : v.toString().strip();
    }
}
