package io.vitalstorm.core.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.config.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HMAC-SHA256 signatures of acknowledgements. The signed bytes are the canonical form of every
 * field that matters (version, key id, nonce, patient, alert, by, ts, note), each length-prefixed
 * so no two different acknowledgements share a canonical form. The record carries
 * {@code keyId}, {@code nonce} and {@code sig} (base64url, no padding) next to its fields.
 */
public final class AckSignatures {

    private static final String VERSION = "vitalstorm-ack-v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AckSignatures() {
    }

    /**
     * Adds {@code keyId}, a fresh {@code nonce} and {@code sig} to an acknowledgement record (its {@code ts} required).
     */
    public static ObjectNode sign(ObjectNode ack, AckKeys.Key key) {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        String nonce = HexFormat.of().formatHex(n);
        Acknowledgement a = new Acknowledgement(ack.path("patientId").asText(), ack.path("alertId").asText(),
                ack.path("by").asText(), ack.get("ts").asLong(),
                ack.hasNonNull("note") ? ack.get("note").asText() : null);
        ack.put("keyId", key.id());
        ack.put("nonce", nonce);
        ack.put("sig", mac(key.secret(), canonical(a, key.id(), nonce)));
        return ack;
    }

    /** True when {@code sig} is the signature of the acknowledgement by {@code key} (constant time). */
    public static boolean valid(Acknowledgement a, AcknowledgementParser.Signature s, AckKeys.Key key) {
        byte[] expected = mac(key.secret(), canonical(a, s.keyId(), s.nonce())).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, s.sig().getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] canonical(Acknowledgement a, String keyId, String nonce) {
        StringBuilder b = new StringBuilder(VERSION).append('\n');
        for (String field : new String[] {keyId, nonce, a.patientId(), a.alertId(), a.by(), Long.toString(a.ts()),
                a.note() == null ? "" : "+" + a.note()}) {
            b.append(field.length()).append(':').append(field).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String mac(byte[] secret, byte[] data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(new HmacSha256(secret).of(data));
    }
}
