package io.vitalstorm.web;

import io.vitalstorm.core.config.HmacSha256;
import io.vitalstorm.core.config.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Pseudonyms for identifiers shown to users who may not see identities (data engineers): the first
 * 8 bytes of HMAC-SHA256 under the key of {@code vitalstorm.web.pseudonym.key.file}, so one id maps
 * to one pseudonym on every server and across restarts, and cannot be reversed or recomputed
 * without the key. Without a key file the key is drawn at server start (pseudonyms then change with
 * every restart and differ between servers; a warning says so). The same key gives each patient a
 * time shift for exports ({@link #shift}).
 */
final class Pseudonyms implements Disclosure {

    private static final Logger LOG = LoggerFactory.getLogger(Pseudonyms.class);
    /** The shortest key accepted: 32 characters (e.g. {@code openssl rand -base64 32}: 44). */
    static final int MIN_KEY_CHARS = 32;
    /** The largest time shift, in days either way. */
    static final int MAX_SHIFT_DAYS = 365;

    private final HmacSha256 key;

    private Pseudonyms(byte[] key) {
        this.key = new HmacSha256(key);
    }

    /** The key of {@code w}'s key file, or a key for this server run if none is configured. */
    static Pseudonyms of(WebSettings w) {
        if (w.pseudonymKeyFile().isBlank()) {
            LOG.warn("{} is not set: pseudonyms are keyed for this server run only and change at the next start",
                    WebSettings.PSEUDONYM_KEY_FILE.key());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return new Pseudonyms(bytes);
        }
        return fromKeyFile(Path.of(w.pseudonymKeyFile()));
    }

    /** The key held by {@code file} (mode 0600, at least {@link #MIN_KEY_CHARS} characters). */
    static Pseudonyms fromKeyFile(Path file) {
        String name = WebSettings.PSEUDONYM_KEY_FILE.key();
        String secret = SecretFiles.read(name, file);
        if (secret.length() < MIN_KEY_CHARS) {
            throw new IllegalStateException(name + " " + file + " holds " + secret.length()
                    + " characters, fewer than " + MIN_KEY_CHARS + " (make one with: openssl rand -base64 32 > " + file
                    + "; chmod 600 " + file + ")");
        }
        return new Pseudonyms(secret.getBytes(StandardCharsets.UTF_8));
    }

    String of(String id) {
        return "pseudo-" + HexFormat.of().formatHex(hmac("id:", id), 0, 8);
    }

    @Override
    public String id(String identifier) {
        return of(identifier);
    }

    /**
     * The patient's time shift: a whole number of days in -{@link #MAX_SHIFT_DAYS}..-1 or
     * 1..{@link #MAX_SHIFT_DAYS} (never none), from HMAC-SHA256 of the patient id under the key,
     * so it is the same on every server with the key and unknown without it.
     */
    @Override
    public Duration shift(String patientId) {
        long h = java.nio.ByteBuffer.wrap(hmac("shift:", patientId)).getLong();
        int m = (int) Math.floorMod(h, 2L * MAX_SHIFT_DAYS);
        return Duration.ofDays(m < MAX_SHIFT_DAYS ? -(m + 1) : m - MAX_SHIFT_DAYS + 1);
    }

    /** HMAC-SHA256 of {@code purpose} and {@code text}: one key, separate outputs per purpose. */
    private byte[] hmac(String purpose, String text) {
        return key.of(purpose + text);
    }
}
