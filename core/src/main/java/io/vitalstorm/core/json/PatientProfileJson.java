package io.vitalstorm.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.model.PatientIdentifier;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;

import java.util.ArrayList;
import java.util.List;

/**
 * The patient registry's JSON form, one profile per line in a JSONL file:
 * {"patientId","name","age","ward","careTeam","doctor","spo2Scale":1|2,"contact",
 * "identifiers":[{"system":"urn:oid:…","value":"MRN123"}]}.
 */
public final class PatientProfileJson {

    private PatientProfileJson() {
    }

    public static PatientProfile parse(String line) {
        StrictJson.Read read = StrictJson.read(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (read.error() != null) {
            throw new IllegalArgumentException("not valid JSON: " + read.error());
        }
        JsonNode n = read.root();
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a patient profile must be a JSON object");
        }
        String id = text(n, "patientId");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("patientId is required");
        }
        Integer age = null;
        if (n.hasNonNull("age")) {
            if (!n.get("age").canConvertToInt() || n.get("age").intValue() < 0 || n.get("age").intValue() > 130) {
                throw new IllegalArgumentException("age must be a whole number 0..130");
            }
            age = n.get("age").intValue();
        }
        Spo2Scale scale = Spo2Scale.SCALE_1;
        if (n.hasNonNull("spo2Scale")) {
            if (!n.get("spo2Scale").canConvertToInt()) {
                throw new IllegalArgumentException("spo2Scale must be 1 or 2");
            }
            scale = Spo2Scale.of(n.get("spo2Scale").intValue());
        }
        String ward = text(n, "ward");
        List<PatientIdentifier> identifiers = new ArrayList<>();
        JsonNode ids = n.get("identifiers");
        if (ids != null && !ids.isNull()) {
            if (!ids.isArray()) {
                throw new IllegalArgumentException("identifiers must be an array of {\"system\",\"value\"}");
            }
            for (JsonNode i : ids) {
                identifiers.add(new PatientIdentifier(text(i, "system"), text(i, "value")));
            }
        }
        return new PatientProfile(id, text(n, "name"), age, ward == null ? PatientProfile.UNKNOWN_WARD : ward,
                text(n, "careTeam"), text(n, "doctor"), scale, text(n, "contact"), identifiers);
    }

    public static ObjectNode toJson(PatientProfile p) {
        ObjectNode n = Json.object();
        n.put("patientId", p.patientId());
        n.put("name", p.displayName());
        if (p.age() != null) {
            n.put("age", p.age());
        }
        n.put("ward", p.ward());
        n.put("careTeam", p.careTeam());
        n.put("doctor", p.responsibleDoctor());
        n.put("spo2Scale", p.spo2Scale().number());
        n.put("contact", p.contactChannel());
        if (!p.identifiers().isEmpty()) {
            var ids = n.putArray("identifiers");
            for (PatientIdentifier i : p.identifiers()) {
                ids.addObject().put("system", i.system()).put("value", i.value());
            }
        }
        return n;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
