package io.vitalstorm.core.alert;

import io.vitalstorm.core.config.SecretFiles;

import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys that sign acknowledgements, from a 0600 file, one key a line:
 * {@code <keyId> <base64 key of at least 32 bytes> [identity]}. A key with an identity is a person's
 * (an operator's key for {@code ./vitalstorm alerts ack}): it may acknowledge only as that identity.
 * A key without one is a service's (the web tier): it asserts the name of the user who logged in.
 * Several lines = several keys accepted at once, which is how a key is rotated. Lines starting
 * with {@code #} are comments.
 */
public final class AckKeys {

    /** One signing key; {@code identity} null for a service key. */
    public record Key(String id, byte[] secret, String identity) {
        @Override
        public String toString() {
            return "Key[" + id + (identity == null ? "" : ", as " + identity) + "]"; // never the secret
        }
    }

    public static final int MIN_KEY_BYTES = 32;

    private AckKeys() {
    }

    /** Every key of the file (mode 0600 enforced); {@code key} names the setting in errors. */
    public static Map<String, Key> read(String key, Path file) {
        Map<String, Key> keys = new LinkedHashMap<>();
        String[] lines = SecretFiles.read(key, file).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            String where = key + " " + file + " line " + (i + 1);
            if (parts.length < 2 || !AcknowledgementParser.isValidKeyId(parts[0])) {
                throw new IllegalStateException(where + ": expected '<keyId> <base64 key> [identity]'");
            }
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": the key is not base64"); // never the content
            }
            if (secret.length < MIN_KEY_BYTES) {
                throw new IllegalStateException(where + ": the key has " + secret.length + " bytes, at least "
                        + MIN_KEY_BYTES + " are required");
            }
            if (keys.put(parts[0], new Key(parts[0], secret, parts.length == 3 ? parts[2].strip() : null)) != null) {
                throw new IllegalStateException(where + ": key id " + parts[0] + " appears twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(key + " " + file + " holds no key");
        }
        return keys;
    }

    /** The signing key of a signer's file: its only key (a signer has one key at a time). */
    public static Key single(String key, Path file) {
        Map<String, Key> keys = read(key, file);
        if (keys.size() != 1) {
            throw new IllegalStateException(key + " " + file + " must hold exactly one key to sign with");
        }
        return keys.values().iterator().next();
    }

    /** A new random key line ({@code <keyId> <base64>}), for the demo's and tests' throwaway keys. */
    public static String newKeyLine(String keyId, String identity) {
        byte[] secret = new byte[MIN_KEY_BYTES];
        new java.security.SecureRandom().nextBytes(secret);
        return keyId + " " + Base64.getEncoder().encodeToString(secret)
                + (identity == null ? "" : " " + identity) + "\n";
    }
}
