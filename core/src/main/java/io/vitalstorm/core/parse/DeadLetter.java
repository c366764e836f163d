package io.vitalstorm.core.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A refused input record with everything needed to find, understand and re-drive it:
 * the reason, where it came from, and the original bytes (base64, plus the text when it is
 * valid UTF-8 so people can read it without decoding).
 */
public record DeadLetter(Rejection rejection, String sourceTopic, int partition, long offset,
                         String key, byte[] payload, long rejectedAtMillis) {

    public byte[] toJson() {
        ObjectNode n = Json.object();
        n.put("reasonCode", rejection.code().name());
        n.put("reason", rejection.message());
        n.put("sourceTopic", sourceTopic);
        n.put("partition", partition);
        n.put("offset", offset);
        n.put("key", key);
        n.put("rejectedAt", rejectedAtMillis);
        byte[] bytes = payload == null ? new byte[0] : payload;
        n.put("payloadBase64", Base64.getEncoder().encodeToString(bytes));
        String text = utf8OrNull(bytes);
        if (text != null) {
            n.put("payloadText", text);
        }
        return Json.bytes(n);
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
