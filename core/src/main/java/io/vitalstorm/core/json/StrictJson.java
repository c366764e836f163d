package io.vitalstorm.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one way VitalStorm reads JSON that arrives from outside (records, acknowledgements, profiles,
 * thresholds): exactly one JSON value in UTF-8, read the same way any other tool would read it.
 * Refused: bytes that are not UTF-8 (never decoded into a valid-looking id), a byte-order mark or
 * NUL bytes (UTF-16/UTF-32, which Jackson would otherwise detect and decode), duplicate keys
 * (other readers keep the first, Jackson the last), and anything after the value.
 */
public final class StrictJson {

    private static final ObjectReader READER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The value read (null for blank input), or why the bytes are not one strict JSON value. */
    public record Read(JsonNode root, String error) {
    }

    private StrictJson() {
    }

    public static Read read(byte[] bytes) {
        String encoding = encodingProblem(bytes);
        if (encoding != null) {
            return new Read(null, encoding);
        }
        try {
            JsonNode root = READER.readTree(bytes);
            return new Read(root == null || root.isMissingNode() ? null : root, null);
        } catch (JsonProcessingException e) {
            return new Read(null, e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            return new Read(null, String.valueOf(e.getMessage()));
        }
    }

    /** Null when {@code bytes} are plain UTF-8 without BOM or NUL; otherwise what is wrong. */
    static String encodingProblem(byte[] bytes) {
        boolean ascii = true;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == 0) {
                return "NUL byte at offset " + i + ": UTF-16, UTF-32 or binary data; send UTF-8";
            }
            ascii &= b > 0;
        }
        if (ascii) {
            return null;
        }
        if (bytes.length >= 2
                && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                        || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return "UTF-16 byte-order mark: send UTF-8";
        }
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            return "UTF-8 byte-order mark: send UTF-8 without one";
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            utf8.decode(in);
            return null;
        } catch (CharacterCodingException e) {
            return "not valid UTF-8 (near byte " + in.position() + ")";
        }
    }

    /**
     * True when {@code text} has no control or format character and no lone surrogate: safe in an identifier or a name.
     */
    public static boolean isPlainText(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i); // a lone surrogate comes back as itself, of type SURROGATE
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
