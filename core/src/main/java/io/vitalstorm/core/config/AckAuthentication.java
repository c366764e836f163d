package io.vitalstorm.core.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who may acknowledge an alert, from the {@code vitalstorm.acks.*} keys (docs/security.md). With
 * {@code signed} (the default) the topology accepts only acknowledgements signed (HMAC-SHA256) by a
 * key of {@code keysFile}; with none configured it accepts none. {@code unsigned} must be set
 * explicitly. {@code signingKeyFile} is the signer's own key (the web tier's, an operator's).
 * Only file paths are held here: the keys are read where they are used ({@code alert.AckCredentials}
 * builds the verifier and signs).
 */
public record AckAuthentication(String auth, String keysFile, String signingKeyFile, long maxAgeSeconds)
        implements Serializable {

    public static final String AUTH = "vitalstorm.acks.auth";
    public static final String KEYS_FILE = "vitalstorm.acks.keys.file";
    public static final String SIGNING_KEY_FILE = "vitalstorm.acks.signing.key.file";
    public static final Setting.Choice AUTH_SETTING = new Setting.Choice(AUTH, "signed", List.of("signed", "unsigned"),
            "`signed`: only acknowledgements signed (HMAC-SHA256) by a key of `vitalstorm.acks.keys.file` are "
            + "accepted (none when no file is set); `unsigned`: any well-formed one (must be set explicitly)");
    public static final Setting.Text KEYS_FILE_SETTING = new Setting.Text(KEYS_FILE, "",
            "the topology's file of accepted keys, one `<keyId> <base64 key> [identity]` a line (mode 0600); "
            + "a key with an identity may acknowledge only as that identity");
    public static final Setting.Text SIGNING_KEY_FILE_SETTING = new Setting.Text(SIGNING_KEY_FILE, "",
            "the signer's own key, one line in the same format (web tier: no identity; an operator: their name)");
    public static final Setting.Whole MAX_AGE = new Setting.Whole("vitalstorm.acks.max.age.seconds", 300, 10, 86_400,
            "how far an acknowledgement's signed ts may be from the topology's clock; older ones are refused as stale");

    public static final List<Setting> ALL = List.of(AUTH_SETTING, KEYS_FILE_SETTING, SIGNING_KEY_FILE_SETTING, MAX_AGE);

    public static final Map<String, Object> DEFAULTS = Setting.defaults(ALL);

    public AckAuthentication {
        if (!auth.equals("signed") && !auth.equals("unsigned")) {
            throw new IllegalArgumentException(AUTH + " must be signed or unsigned, was '" + auth + "'");
        }
    }

    public static AckAuthentication fromMap(Map<String, ?> conf) {
        return new AckAuthentication(AUTH_SETTING.read(conf).toLowerCase(Locale.ROOT),
                KEYS_FILE_SETTING.readStripped(conf),
                SIGNING_KEY_FILE_SETTING.readStripped(conf), MAX_AGE.read(conf));
    }

    /** True with {@code signed}: an acknowledgement without a valid signature is refused. */
    public boolean requiresSignature() {
        return auth.equals("signed");
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(AUTH, auth);
        m.put(KEYS_FILE, keysFile);
        m.put(SIGNING_KEY_FILE, signingKeyFile);
        m.put(MAX_AGE.key(), maxAgeSeconds);
        return m;
    }
}
