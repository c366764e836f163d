package io.vitalstorm.core.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A refused input record with everything needed to find, understand and re-drive it:
 * the reason, where it came from, and the original bytes (base64, plus the text when it is
 * valid UTF-8 so people can read it without decoding).
 * <p>
 * A dead letter is bounded ({@link #MAX_JSON_BYTES}) so that it can always be published: a
 * reason longer than {@link #MAX_REASON_CHARS} is cut with a note of how much was left out, and
 * only the first {@link #MAX_PAYLOAD_BYTES} of the payload are kept, with the full length and the
 * SHA-256 of the whole record so the original can still be found (in the source topic, by
 * partition and offset). The producer's {@code max.request.size} and the dead-letter topic's
 * {@code max.message.bytes} (both 1 MiB, Kafka's defaults) sit above this bound.
 */
public record DeadLetter(Rejection rejection, String sourceTopic, int partition, long offset,
                         String key, byte[] payload, long rejectedAtMillis) {

    public static final int MAX_REASON_CHARS = 8 * 1024;
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    public static final int MAX_KEY_CHARS = 1024;
    /** The readable copy is left out of larger payloads: JSON escaping may make it six times longer. */
    public static final int MAX_TEXT_BYTES = 64 * 1024;
    /** Base64 of the kept payload, its text, the reason, the key and the fields, each escaped at worst: below 1 MiB. */
    public static final int MAX_JSON_BYTES = (MAX_PAYLOAD_BYTES + 2) / 3 * 4 + MAX_TEXT_BYTES * 6 + MAX_REASON_CHARS * 6
            + 64 + MAX_KEY_CHARS * 6 + 1024;

    public byte[] toJson() {
        ObjectNode n = Json.object();
        n.put("reasonCode", rejection.code().name());
        n.put("reason", truncate(rejection.message(), MAX_REASON_CHARS));
        n.put("sourceTopic", sourceTopic);
        n.put("partition", partition);
        n.put("offset", offset);
        n.put("key", key == null ? null : truncate(key, MAX_KEY_CHARS));
        n.put("rejectedAt", rejectedAtMillis);
        byte[] bytes = payload == null ? new byte[0] : payload;
        byte[] kept = bytes.length <= MAX_PAYLOAD_BYTES ? bytes : Arrays.copyOf(bytes, MAX_PAYLOAD_BYTES);
        n.put("payloadBase64", Base64.getEncoder().encodeToString(kept));
        if (kept.length < bytes.length) {
            n.put("payloadTruncated", true);
            n.put("payloadBytes", bytes.length);
            n.put("payloadSha256", sha256(bytes));
        }
        String text = kept.length <= MAX_TEXT_BYTES ? utf8OrNull(kept) : null;
        if (text != null) {
            n.put("payloadText", text);
        }
        return Json.bytes(n);
    }

    static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + " … (" + (s.length() - max) + " more characters left out)";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
