package io.vitalstorm.web;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Pseudonyms for identifiers shown to users who may not see identities (data engineers): the first
 * 8 bytes of HMAC-SHA256 under a key drawn at server start, so one id maps to one pseudonym for the
 * life of the server and cannot be reversed or recomputed without the key.
 */
final class Pseudonyms {

    private final SecretKeySpec key;

    Pseudonyms() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    String of(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "pseudo-" + HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
