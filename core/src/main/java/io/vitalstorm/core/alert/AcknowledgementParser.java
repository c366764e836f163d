package io.vitalstorm.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.StrictJson;
import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.core.parse.EventTimes;
import io.vitalstorm.core.parse.Rejection;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads an acknowledgement record from the acknowledgements topic:
 * {@code {"patientId":"P0042","alertId":"…","by":"Dr Osei","ts":"2026-11-22T10:21:00Z","note":"on my way"}}.
 * {@code ts} (epoch ms or ISO-8601) defaults to the arrival time; {@code note} is optional.
 * A signed acknowledgement also carries {@code keyId}, {@code nonce} and {@code sig} (all three or none).
 */
public final class AcknowledgementParser {

    /** Either an acknowledgement (with its signature, null when unsigned) or why the record was refused. */
    public record Result(Acknowledgement ack, Rejection rejection, Signature signature) {
    }

    /** The signature fields of a signed acknowledgement (AckSignatures). */
    public record Signature(String keyId, String nonce, String sig) {
    }

    private static final int MAX_BYTES = 4 * 1024;

    private AcknowledgementParser() {
    }

    /** Never throws: a defect met on some input is an {@code INTERNAL_ERROR} rejection, not a dead worker. */
    public static Result parse(byte[] record, long arrivedAt) {
        try {
            return parseOrThrow(record, arrivedAt);
        } catch (RuntimeException | StackOverflowError bug) {
            return refused(Rejection.Code.INTERNAL_ERROR, "acknowledgement parser failed: " + bug);
        }
    }

    private static Result parseOrThrow(byte[] record, long arrivedAt) {
        if (record == null || record.length == 0) {
            return refused(Rejection.Code.EMPTY, "empty acknowledgement");
        }
        if (record.length > MAX_BYTES) {
            return refused(Rejection.Code.TOO_LARGE,
                    "acknowledgement is " + record.length + " bytes, limit " + MAX_BYTES);
        }
        StrictJson.Read json = StrictJson.read(record);
        if (json.error() != null) {
            return refused(Rejection.Code.MALFORMED_JSON, "acknowledgement is not JSON: " + json.error());
        }
        JsonNode root = json.root();
        if (root == null || !root.isObject()) {
            return refused(Rejection.Code.NOT_AN_OBJECT, "acknowledgement must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        String patientId = id(root, "patientId", problems);
        String alertId = id(root, "alertId", problems);
        String by = text(root, "by", problems);
        long ts = arrivedAt;
        JsonNode t = root.get("ts");
        if (t != null && !t.isNull()) {
            OptionalLong parsed = EventTimes.fromJson(t);
            if (parsed.isEmpty() || !EventTimes.plausible(parsed.getAsLong())) {
                problems.add("ts must be epoch milliseconds or ISO-8601 with an offset, between 2000 and 2100");
            } else {
                ts = parsed.getAsLong();
            }
        }
        if (!problems.isEmpty()) {
            boolean missing = problems.stream().allMatch(p -> p.endsWith("is required"));
            return refused(missing ? Rejection.Code.MISSING_FIELD : Rejection.Code.INVALID_VALUE,
                    String.join("; ", problems));
        }
        JsonNode note = root.get("note");
        if (note != null && !note.isNull() && (!note.isTextual() || note.textValue().length() > 1000
                || !StrictJson.isPlainText(note.textValue().replace('\n', ' ')))) {
            return refused(Rejection.Code.INVALID_VALUE,
                    "note must be text of at most 1000 characters without control characters");
        }
        Signature signature = null;
        if (root.has("keyId") || root.has("nonce") || root.has("sig")) {
            JsonNode k = root.get("keyId");
            JsonNode n = root.get("nonce");
            JsonNode g = root.get("sig");
            if (k == null || !k.isTextual() || !isValidKeyId(k.textValue()) || n == null || !n.isTextual()
                    || !n.textValue().matches("[0-9a-f]{16,64}") || g == null || !g.isTextual()
                    || !g.textValue().matches("[A-Za-z0-9_-]{43}")) {
                return refused(Rejection.Code.INVALID_VALUE,
                        "a signed acknowledgement needs keyId (key id), nonce (16-64 hex) and sig (HMAC-SHA256, "
                        + "base64url)");
            }
            signature = new Signature(k.textValue(), n.textValue(), g.textValue());
        }
        return new Result(
                new Acknowledgement(patientId, alertId, by, ts, note == null || note.isNull() ? null : note.asText()),
                null, signature);
    }

    /** A signing key's id: 1-64 of [A-Za-z0-9._-] starting alphanumeric. */
    public static boolean isValidKeyId(String id) {
        return id != null && id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    }

    /** A patient or alert id: the id alphabet, so no control character or look-alike ever names a patient. */
    private static String id(JsonNode root, String field, List<String> problems) {
        String text = text(root, field, problems);
        if (text != null && !ObservationParser.isValidId(text)) {
            problems.add(field + " must be 1-64 of [A-Za-z0-9._:-] starting alphanumeric");
            return null;
        }
        return text;
    }

    private static String text(JsonNode root, String field, List<String> problems) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            problems.add(field + " is required");
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
            problems.add(field + " must be a non-empty string of at most 200 characters");
            return null;
        }
        if (!StrictJson.isPlainText(n.textValue())) {
            problems.add(field + " must not contain control or format characters");
            return null;
        }
        return n.asText();
    }

    private static Result refused(Rejection.Code code, String message) {
        return new Result(null, new Rejection(code, message), null);
    }
}
