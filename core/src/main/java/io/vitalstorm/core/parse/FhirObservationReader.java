package io.vitalstorm.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.model.Observation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads HL7 FHIR R4 vital-sign {@code Observation}s and {@code Bundle}s of them into native
 * observations. Vitals are recognised by LOINC code, units are checked as UCUM codes (and °F
 * converted to °C), and values then pass the same physiological limits as native records.
 * A Bundle yields every valid entry; each refused entry is reported with its index.
 */
final class FhirObservationReader {

    static final String LOINC = "http://loinc.org";
    /** Vital signs panel and blood pressure panel: their components carry the values. */
    static final Set<String> PANELS = Set.of("85353-1", "85354-9");

    /** A measurement VitalStorm scores: its LOINC codes and the UCUM units it accepts. */
    enum Vital {
        HEART_RATE(PhysiologicalLimits.HEART_RATE, Set.of("8867-4"), List.of("/min", "{beats}/min", "{beat}/min")),
        RESPIRATORY_RATE(PhysiologicalLimits.RESPIRATORY_RATE, Set.of("9279-1"), List.of("/min", "{breaths}/min", "{breath}/min")),
        SPO2(PhysiologicalLimits.SPO2, Set.of("59408-5", "2708-6"), List.of("%")),
        SYSTOLIC_BP(PhysiologicalLimits.SYSTOLIC_BP, Set.of("8480-6"), List.of("mm[Hg]")),
        TEMPERATURE(PhysiologicalLimits.TEMPERATURE, Set.of("8310-5"), List.of("Cel", "[degF]")),
        /** Inhaled oxygen flow rate: any flow means the patient is on supplemental oxygen. */
        OXYGEN_FLOW(null, Set.of("3151-8"), List.of("L/min"));

        final PhysiologicalLimits limits;
        final Set<String> codes;
        final List<String> units;

        Vital(PhysiologicalLimits limits, Set<String> codes, List<String> units) {
            this.limits = limits;
            this.codes = codes;
            this.units = units;
        }

        static Vital byCode(String loinc) {
            for (Vital v : values()) {
                if (v.codes.contains(loinc)) {
                    return v;
                }
            }
            return null;
        }

        String field() {
            return limits == null ? "onOxygen" : limits.field();
        }
    }

    ParseResult read(JsonNode root) {
        String type = root.path("resourceType").asText();
        return switch (type) {
            case "Observation" -> readObservation(root);
            case "Bundle" -> readBundle(root);
            default -> invalid(Rejection.Code.UNKNOWN_CODE,
                    "FHIR resourceType '" + type + "' is not read; send Observation or Bundle");
        };
    }

    private ParseResult readBundle(JsonNode bundle) {
        JsonNode entries = bundle.path("entry");
        if (!entries.isArray() || entries.isEmpty()) {
            return invalid(Rejection.Code.NO_VITALS, "FHIR Bundle has no entry");
        }
        List<Observation> valid = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode resource = entries.get(i).path("resource");
            ParseResult one;
            try {
                one = "Observation".equals(resource.path("resourceType").asText())
                        ? readObservation(resource)
                        : invalid(Rejection.Code.UNKNOWN_CODE, "resourceType '" + resource.path("resourceType").asText()
                                + "' is not an Observation");
            } catch (RuntimeException bug) {
                one = ObservationParser.internalError(bug); // this entry only: the others are still read
            }
            valid.addAll(one.observations());
            for (Rejection r : one.rejections()) {
                rejected.add(new Rejection(r.code(), "entry " + i + ": " + r.message()));
            }
        }
        if (valid.isEmpty()) {
            return new ParseResult.Invalid(ParseResult.combine(rejected));
        }
        return rejected.isEmpty() && valid.size() == 1 ? new ParseResult.Valid(valid.get(0))
                : new ParseResult.Batch(valid, rejected);
    }

    private ParseResult readObservation(JsonNode o) {
        String status = o.path("status").asText();
        if (status.equals("entered-in-error") || status.equals("cancelled")) {
            return invalid(Rejection.Code.INVALID_VALUE, "Observation status is " + status);
        }
        String patientId = reference(o.path("subject"), "Patient");
        if (patientId == null) {
            return invalid(Rejection.Code.MISSING_FIELD, "subject must reference a Patient (\"Patient/<id>\")");
        }
        if (!ObservationParser.isValidId(patientId)) {
            return invalid(Rejection.Code.INVALID_VALUE, "patient id '" + patientId + "' is not 1-64 of [A-Za-z0-9._:-]");
        }
        String when = o.hasNonNull("effectiveDateTime") ? o.get("effectiveDateTime").asText()
                : o.hasNonNull("effectiveInstant") ? o.get("effectiveInstant").asText() : null;
        if (when == null) {
            return invalid(Rejection.Code.MISSING_FIELD, "effectiveDateTime is required");
        }
        OptionalLong ts = EventTimes.parseIso(when);
        if (ts.isEmpty() || !EventTimes.plausible(ts.getAsLong())) {
            return invalid(Rejection.Code.INVALID_VALUE, "effectiveDateTime '" + when
                    + "' must be a date and time with an offset, between 2000 and 2100");
        }
        Map<Vital, Double> values = new EnumMap<>(Vital.class);
        String code = loinc(o.path("code"));
        Rejection problem = PANELS.contains(code) ? readComponents(o.path("component"), values)
                : readValue(code, o.path("valueQuantity"), values);
        if (problem != null) {
            return new ParseResult.Invalid(problem);
        }
        String device = reference(o.path("device"), "Device");
        Double flow = values.get(Vital.OXYGEN_FLOW);
        return new ParseResult.Valid(new Observation(patientId, device != null && ObservationParser.isValidId(device) ? device : null,
                ts.getAsLong(), values.get(Vital.HEART_RATE), values.get(Vital.RESPIRATORY_RATE), values.get(Vital.SPO2),
                values.get(Vital.SYSTOLIC_BP), values.get(Vital.TEMPERATURE), null, flow == null ? null : flow > 0));
    }

    /** Panel components: the vitals among them are read, others (e.g. diastolic pressure) ignored. */
    private Rejection readComponents(JsonNode components, Map<Vital, Double> values) {
        for (JsonNode c : components) {
            String code = loinc(c.path("code"));
            if (Vital.byCode(code) != null) {
                Rejection problem = readValue(code, c.path("valueQuantity"), values);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return values.isEmpty() ? new Rejection(Rejection.Code.NO_VITALS, "panel has no vital sign VitalStorm scores") : null;
    }

    private Rejection readValue(String code, JsonNode quantity, Map<Vital, Double> values) {
        Vital vital = Vital.byCode(code);
        if (vital == null) {
            return new Rejection(Rejection.Code.UNKNOWN_CODE, "LOINC code '" + code
                    + "' is not a vital sign VitalStorm scores (heart rate 8867-4, respiratory rate 9279-1, "
                    + "SpO2 59408-5/2708-6, systolic BP 8480-6, temperature 8310-5, O2 flow 3151-8)");
        }
        JsonNode value = quantity.path("value");
        if (!value.isNumber()) {
            return new Rejection(Rejection.Code.MISSING_FIELD, vital.field() + ": valueQuantity.value must be a number");
        }
        String unit = quantity.hasNonNull("code") ? quantity.get("code").asText() : quantity.path("unit").asText();
        if (!vital.units.contains(unit)) {
            return new Rejection(Rejection.Code.BAD_UNIT, vital.field() + " unit '" + unit + "' is not one of "
                    + vital.units + " (UCUM)");
        }
        // °F to °C, kept to 0.01 °C so 98.6 °F reads as 37 and not 36.99999999999999
        double v = unit.equals("[degF]") ? Math.round((value.doubleValue() - 32) * 500 / 9) / 100.0 : value.doubleValue();
        if (vital.limits != null && (!Double.isFinite(v) || !vital.limits.contains(v))) {
            return new Rejection(Rejection.Code.OUT_OF_RANGE, vital.limits.describe(v));
        }
        values.put(vital, v);
        return null;
    }

    /** The first LOINC code of a CodeableConcept, or "" when there is none. */
    private static String loinc(JsonNode concept) {
        for (JsonNode coding : concept.path("coding")) {
            if (LOINC.equals(coding.path("system").asText())) {
                return coding.path("code").asText();
            }
        }
        return "";
    }

    /** The id in a reference "Type/id" (a full URL ending in it is accepted too). */
    private static String reference(JsonNode ref, String type) {
        String text = ref.path("reference").asText("");
        int at = text.lastIndexOf(type + "/");
        return at < 0 || text.length() == at + type.length() + 1 ? null : text.substring(at + type.length() + 1);
    }

    private static ParseResult invalid(Rejection.Code code, String message) {
        return new ParseResult.Invalid(new Rejection(code, message));
    }
}
