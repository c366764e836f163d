package io.vitalstorm.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One audit record: who changed which thresholds document, when, why, and the document before
 * and after. Stored as JSON in a sequential znode written in the same ZooKeeper transaction as
 * the change, so there is never a change without its record.
 *
 * @param number      the sequence number ZooKeeper gave the record (what {@code rollback} takes); -1 before writing
 * @param fromVersion znode version that was replaced, -1 when the document was created
 * @param before      the document replaced, null when there was none
 */
public record ThresholdsChange(long number, String scope, String who, Instant when, String why,
                               int fromVersion, String before, String after) {

    byte[] toJson() {
        ObjectNode o = Json.object();
        o.put("scope", scope);
        o.put("who", who);
        o.put("when", when.toString());
        o.put("why", why);
        o.put("fromVersion", fromVersion);
        o.put("before", before);
        o.put("after", after);
        return Json.bytes(o);
    }

    static ThresholdsChange fromJson(long number, byte[] json) throws IOException {
        JsonNode o = Json.MAPPER.readTree(json);
        return new ThresholdsChange(number, o.path("scope").asText(), o.path("who").asText(),
                Instant.parse(o.path("when").asText()), o.path("why").asText(), o.path("fromVersion").asInt(-1),
                o.hasNonNull("before") ? o.get("before").asText() : null, o.path("after").asText());
    }

    public byte[] beforeBytes() {
        return before == null ? null : before.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] afterBytes() {
        return after.getBytes(StandardCharsets.UTF_8);
    }
}
