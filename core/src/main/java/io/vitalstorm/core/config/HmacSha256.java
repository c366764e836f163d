package io.vitalstorm.core.config;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * HMAC-SHA256 under one key: the signatures of acknowledgements ({@code AckSignatures}) and the
 * dashboard's pseudonyms and time shifts ({@code Pseudonyms}). Immutable and thread-safe (a
 * {@link Mac} per call).
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param key the secret; not empty */
    public HmacSha256(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The 32-byte HMAC-SHA256 of {@code data}. */
    public byte[] of(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            // part of every JDK; the exception is not passed on, so nothing about the key reaches a log
            throw new IllegalStateException(ALGORITHM + " unavailable: " + e.getClass().getSimpleName());
        }
    }

    /** The HMAC-SHA256 of {@code text} in UTF-8. */
    public byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }
}
