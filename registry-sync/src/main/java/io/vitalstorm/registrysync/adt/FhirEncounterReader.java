package io.vitalstorm.registrysync.adt;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.parse.Rejection;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * FHIR R4 {@code Encounter} resources as ADT events. The patient is {@code subject} (a
 * {@code Patient/} reference, else its identifier); the ward is the active {@code location}
 * (reference id, else display), the care team {@code serviceProvider}, the doctor the attending
 * ({@code ATND}) participant. A {@code finished} encounter is a discharge at {@code period.end};
 * otherwise the event time is the active location's {@code period.start}, else
 * {@code meta.lastUpdated}, else the encounter's {@code period.start}.
 */
final class FhirEncounterReader {

    AdtParseResult read(byte[] json) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return AdtParseResult.refused(Rejection.Code.MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            return AdtParseResult.refused(Rejection.Code.NOT_AN_OBJECT, "a FHIR resource must be a JSON object");
        }
        if (!"Encounter".equals(n.path("resourceType").asText())) {
            return AdtParseResult.refused(Rejection.Code.UNKNOWN_CODE,
                    "resourceType '" + n.path("resourceType").asText()
                    + "' is not Encounter");
        }
        String patient = lastSegment(n.path("subject").path("reference").asText(null), "Patient/");
        if (patient == null) {
            patient = text(n.path("subject").path("identifier").path("value"));
        }
        if (patient == null) {
            return AdtParseResult.refused(Rejection.Code.MISSING_FIELD, "Encounter.subject names no patient");
        }
        String status = n.path("status").asText("");
        JsonNode location = activeLocation(n.path("location"));
        try {
            boolean finished = status.equals("finished");
            Instant at = finished ? time(n.path("period").path("end"))
                    : first(time(location.path("period").path("start")), time(n.path("meta").path("lastUpdated")),
                    time(n.path("period").path("start")));
            if (at == null) {
                return AdtParseResult.refused(Rejection.Code.MISSING_FIELD,
                        finished ? "a finished Encounter needs period.end"
                        : "no event time (location period.start, meta.lastUpdated or period.start)");
            }
            String ward = first(lastSegment(location.path("location").path("reference").asText(null), "Location/"),
                    text(location.path("location").path("display")));
            JsonNode provider = n.path("serviceProvider");
            String team = first(lastSegment(provider.path("reference").asText(null), "Organization/"),
                    text(provider.path("identifier").path("value")), text(provider.path("display")));
            return AdtParseResult.ok(
                    new AdtEvent(finished ? AdtEvent.Kind.DISCHARGE : AdtEvent.Kind.UPDATE, patient, Map.of(),
                    null, null, ward, team, attending(n.path("participant")), at,
                    "FHIR Encounter/" + n.path("id").asText("?") + " " + status));
        } catch (DateTimeParseException e) {
            return AdtParseResult.refused(Rejection.Code.INVALID_VALUE,
                    "not a FHIR dateTime with offset: " + e.getParsedString());
        }
    }

    private static JsonNode activeLocation(JsonNode locations) {
        JsonNode chosen = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        for (JsonNode l : locations) {
            if (l.path("status").asText("").equals("active") || l.path("period").path("end").isMissingNode()) {
                chosen = l; // the last active one
            }
        }
        return chosen;
    }

    private static String attending(JsonNode participants) {
        for (JsonNode p : participants) {
            for (JsonNode type : p.path("type")) {
                for (JsonNode coding : type.path("coding")) {
                    if ("ATND".equals(coding.path("code").asText())) {
                        return text(p.path("individual").path("display"));
                    }
                }
            }
        }
        return null;
    }

    private static Instant time(JsonNode v) {
        String s = text(v);
        return s == null ? null : OffsetDateTime.parse(s).toInstant();
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String lastSegment(String reference, String prefix) {
        return reference != null && reference.startsWith(prefix) && reference.length() > prefix.length()
                ? reference.substring(prefix.length()) : null;
    }

    private static String text(JsonNode v) {
        return v == null || v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }
}
