package io.vitalstorm.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.VitalHistory;
import io.vitalstorm.storage.cassandra.HistoryEntry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * FHIR R4 renderings: a stored reading as a vital-signs panel Observation (LOINC-coded components,
 * the codes VitalStorm ingests), a patient, a searchset Bundle with keyset paging, and
 * OperationOutcome errors. Paging is by cursor (the last entry's time and device), so a page
 * costs the same however deep it is and new readings do not shift later pages.
 */
public final class FhirResources {

    public static final String CONTENT_TYPE = "application/fhir+json";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";

    private FhirResources() {
    }

    /** Where the next page starts: after the entry at {@code ts} from {@code deviceId} (newest-first order). */
    public record Cursor(long ts, String deviceId) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((ts + "|" + deviceId).getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String text) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int bar = s.indexOf('|');
                return new Cursor(Long.parseLong(s.substring(0, bar)), s.substring(bar + 1));
            } catch (RuntimeException e) {
                throw ApiError.badRequest("_cursor is not one this server handed out");
            }
        }

        /** Whether {@code e} comes after this cursor in the history's order (ts descending, device ascending). */
        boolean before(HistoryEntry e) {
            long t = e.observation().ts();
            return t < ts || (t == ts && device(e).compareTo(deviceId) > 0);
        }
    }

    /** One page of the search: up to {@code count} entries after {@code cursor}, and the next page's cursor if any. */
    public record Page(List<HistoryEntry> entries, Cursor next) {
    }

    public static Page page(VitalHistory history, String patientId, Instant from, Instant to, int count,
            Cursor cursor) {
        Instant end = cursor == null || cursor.ts() + 1 >= to.toEpochMilli() ? to
                : Instant.ofEpochMilli(cursor.ts() + 1);
        List<HistoryEntry> entries = new ArrayList<>(count + 1);
        history.scan(patientId, from, end, e -> {
            if (cursor == null || cursor.before(e)) {
                entries.add(e);
            }
            return entries.size() <= count;
        });
        if (entries.size() <= count) {
            return new Page(entries, null);
        }
        List<HistoryEntry> shown = entries.subList(0, count);
        HistoryEntry last = shown.get(count - 1);
        return new Page(List.copyOf(shown), new Cursor(last.observation().ts(), device(last)));
    }

    public static ObjectNode searchset(Page page, String selfUrl, String nextUrl, String baseUrl) {
        ObjectNode b = Json.object();
        b.put("resourceType", "Bundle");
        b.put("type", "searchset");
        b.put("timestamp", Instant.now().toString());
        ArrayNode links = b.putArray("link");
        links.addObject().put("relation", "self").put("url", selfUrl);
        if (nextUrl != null) {
            links.addObject().put("relation", "next").put("url", nextUrl);
        }
        ArrayNode entries = b.putArray("entry");
        for (HistoryEntry e : page.entries()) {
            ObjectNode o = observation(e);
            ObjectNode entry = entries.addObject();
            entry.put("fullUrl", baseUrl + "/Observation/" + o.path("id").asText());
            entry.set("resource", o);
            entry.putObject("search").put("mode", "match");
        }
        return b;
    }

    public static ObjectNode observation(HistoryEntry e) {
        Observation o = e.observation();
        ObjectNode r = Json.object();
        r.put("resourceType", "Observation");
        r.put("id", observationId(e));
        r.put("status", "final");
        r.putArray("category").addObject().putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/observation-category")
                .put("code", "vital-signs").put("display", "Vital Signs");
        coding(r.putObject("code"), "85353-1",
                "Vital signs, weight, height, head circumference, oxygen saturation and BMI panel");
        r.putObject("subject").put("reference", "Patient/" + o.patientId());
        r.put("effectiveDateTime", Instant.ofEpochMilli(o.ts()).toString());
        if (o.deviceId() != null) {
            r.putObject("device").put("display", o.deviceId());
        }
        ArrayNode components = r.putArray("component");
        component(components, "8867-4", "Heart rate", o.heartRate(), "/min", "/min");
        component(components, "9279-1", "Respiratory rate", o.respiratoryRate(), "/min", "/min");
        component(components, "59408-5", "Oxygen saturation by pulse oximetry", o.spo2(), "%", "%");
        component(components, "8480-6", "Systolic blood pressure", o.systolicBp(), "mmHg", "mm[Hg]");
        component(components, "8310-5", "Body temperature", o.temperature(), "Cel", "Cel");
        // the score the reading got at the time, as a note (NEWS2 has no LOINC code of its own in R4 core)
        r.putArray("note").addObject().put("text", "NEWS2 " + e.news2() + " (" + e.band() + ")"
                + (e.incomplete() ? ", incomplete set" : ""));
        return r;
    }

    public static ObjectNode patient(PatientProfile p) {
        ObjectNode r = Json.object();
        r.put("resourceType", "Patient");
        r.put("id", p.patientId());
        r.put("active", true);
        r.putArray("identifier").addObject().put("system", "urn:vitalstorm:patient-id").put("value", p.patientId());
        if (p.displayName() != null) {
            r.putArray("name").addObject().put("text", p.displayName());
        }
        if (p.responsibleDoctor() != null) {
            r.putArray("generalPractitioner").addObject().put("display", p.responsibleDoctor());
        }
        if (p.ward() != null) {
            r.putObject("managingOrganization")
                    .put("display", p.ward() + (p.careTeam() == null ? "" : " / " + p.careTeam()));
        }
        return r;
    }

    public static ObjectNode operationOutcome(String code, String diagnostics) {
        ObjectNode r = Json.object();
        r.put("resourceType", "OperationOutcome");
        r.putArray("issue").addObject().put("severity", "error").put("code", code).put("diagnostics", diagnostics);
        return r;
    }

    /** A FHIR id ([A-Za-z0-9\-.]{1,64}) that names the reading: its time and a hash of patient and device. */
    static String observationId(HistoryEntry e) {
        String key = e.observation().patientId() + "|" + device(e);
        return "vs-" + e.observation().ts() + "-" + Integer.toHexString(key.hashCode());
    }

    private static String device(HistoryEntry e) {
        return e.observation().deviceId() == null ? "" : e.observation().deviceId();
    }

    private static void component(ArrayNode components, String loinc, String display, Double value, String unit,
            String ucum) {
        if (value == null) {
            return;
        }
        ObjectNode c = components.addObject();
        coding(c.putObject("code"), loinc, display);
        c.putObject("valueQuantity").put("value", value).put("unit", unit).put("system", UCUM).put("code", ucum);
    }

    private static void coding(ObjectNode concept, String code, String display) {
        concept.putArray("coding").addObject().put("system", LOINC).put("code", code).put("display", display);
    }
}
