package io.vitalstorm.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientIdentifier;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads HL7 FHIR R4 vital-sign {@code Observation}s and {@code Bundle}s of them into native
 * observations, the way the implementation guides publish them (docs/fhir-mapping.md): every
 * coding of a code is searched for a code VitalStorm reads (system and code matched exactly);
 * values are read from the Observation's own value and from the components of any Observation
 * (US Core pulse oximetry carries O2 flow/concentration as SpO2 components; BP and vital-signs
 * panels; PHD compound observations); a bad component refuses only itself; units are checked as
 * UCUM codes (°F converted to °C) and values pass the same physiological limits as native
 * records. A Bundle yields every valid entry; each refusal names its entry (and component) and
 * lists every problem found.
 */
final class FhirObservationReader {

    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String MDC = "urn:iso:std:iso:11073:10101";

    /** Codes that are containers: their components carry the values, they have none of their own. */
    private static final Set<String> PANELS = Set.of(LOINC + "|85353-1", LOINC + "|85354-9", MDC + "|150020");

    /** SNOMED "breathing room air" / "patient on oxygen", as a value or an Observation code. */
    private static final String ROOM_AIR = SNOMED + "|722742002";
    private static final String ON_OXYGEN = SNOMED + "|371825009";

    /** ACVPU answers (SNOMED, as the UK NEWS2 profiles code them). */
    private static final Map<String, Consciousness> ACVPU = Map.of(
            SNOMED + "|248234008", Consciousness.ALERT,
            SNOMED + "|130987000", Consciousness.NEW_CONFUSION,
            SNOMED + "|300202002", Consciousness.VOICE,
            SNOMED + "|450847001", Consciousness.PAIN,
            SNOMED + "|422768004", Consciousness.UNRESPONSIVE);

    /** What VitalStorm reads: the codes that name it (system|code) and the UCUM units it accepts. */
    enum Vital {
        HEART_RATE(PhysiologicalLimits.HEART_RATE, Set.of(LOINC + "|8867-4", MDC + "|147842", MDC + "|149530"),
                List.of("/min", "{beats}/min", "{beat}/min")),
        RESPIRATORY_RATE(PhysiologicalLimits.RESPIRATORY_RATE, Set.of(LOINC + "|9279-1", MDC + "|151562"),
                List.of("/min", "{breaths}/min", "{breath}/min")),
        SPO2(PhysiologicalLimits.SPO2, Set.of(LOINC + "|59408-5", LOINC + "|2708-6", MDC + "|150456"), List.of("%")),
        SYSTOLIC_BP(PhysiologicalLimits.SYSTOLIC_BP, Set.of(LOINC + "|8480-6", MDC + "|150021"), List.of("mm[Hg]")),
        TEMPERATURE(PhysiologicalLimits.TEMPERATURE, Set.of(LOINC + "|8310-5", LOINC + "|8331-1", LOINC + "|8328-7",
                LOINC + "|8333-7", MDC + "|150364"), List.of("Cel", "[degF]")),
        /** Inhaled oxygen flow rate: any flow means supplemental oxygen. */
        OXYGEN_FLOW(null, Set.of(LOINC + "|3151-8"), List.of("L/min")),
        /** Inhaled oxygen concentration (FiO2): above the 21 % of air means supplemental oxygen. */
        OXYGEN_CONCENTRATION(null, Set.of(LOINC + "|3150-0"), List.of("%")),
        /** Level of responsiveness / ACVPU, valued by a coded answer. */
        CONSCIOUSNESS(null, Set.of(LOINC + "|67775-7", SNOMED + "|1104441000000107"), List.of()),
        /** Breathing room air, stated by its code: no value needed. */
        AIR(null, Set.of(ROOM_AIR), List.of());

        final PhysiologicalLimits limits;
        final Set<String> codes;
        final List<String> units;

        Vital(PhysiologicalLimits limits, Set<String> codes, List<String> units) {
            this.limits = limits;
            this.codes = codes;
            this.units = units;
        }

        String field() {
            return switch (this) {
                case OXYGEN_FLOW -> "oxygenFlow";
                case OXYGEN_CONCENTRATION -> "oxygenConcentration";
                case CONSCIOUSNESS -> "consciousness";
                case AIR -> "onOxygen";
                default -> limits.field();
            };
        }
    }

    private static final Map<String, Vital> BY_CODE = new HashMap<>();

    static {
        for (Vital v : Vital.values()) {
            for (String c : v.codes) {
                BY_CODE.put(c, v);
            }
        }
    }

    private final PatientIdentifiers identifiers;

    FhirObservationReader(PatientIdentifiers identifiers) {
        this.identifiers = identifiers;
    }

    ParseResult read(JsonNode root) {
        String type = root.path("resourceType").asText();
        return switch (type) {
            case "Observation" -> readObservation(root, Map.of(), "");
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
        // Patient entries by fullUrl: a gateway's transaction Bundle names its subject "urn:uuid:…"
        Map<String, JsonNode> patients = new HashMap<>();
        for (JsonNode e : entries) {
            if ("Patient".equals(e.path("resource").path("resourceType").asText()) && e.path("fullUrl").isTextual()) {
                patients.put(e.get("fullUrl").textValue(), e.get("resource"));
            }
        }
        List<Observation> valid = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode resource = entries.get(i).path("resource");
            String type = resource.path("resourceType").asText();
            if (type.equals("Patient") || type.equals("Device")) {
                continue; // context for the Observations, nothing to score
            }
            ParseResult one;
            try {
                one = type.equals("Observation") ? readObservation(resource, patients, "entry " + i + ": ")
                        : invalid(Rejection.Code.UNKNOWN_CODE,
                                "entry " + i + ": resourceType '" + type + "' is not an Observation");
            } catch (RuntimeException bug) {
                one = ObservationParser.internalError(bug); // this entry only: the others are still read
            }
            valid.addAll(one.observations());
            rejected.addAll(one.rejections());
        }
        if (valid.isEmpty()) {
            return rejected.isEmpty() ? invalid(Rejection.Code.NO_VITALS, "FHIR Bundle has no Observation")
                    : new ParseResult.Invalid(ParseResult.combine(rejected));
        }
        return rejected.isEmpty() && valid.size() == 1 ? new ParseResult.Valid(valid.get(0))
                : new ParseResult.Batch(valid, rejected);
    }

    /**
     * Every problem of one Observation; a bad component (or own value) refuses only itself when something else is
     * readable.
     */
    private ParseResult readObservation(JsonNode o, Map<String, JsonNode> patients, String where) {
        List<Rejection> fatal = new ArrayList<>();
        String status = o.path("status").asText();
        if (status.equals("entered-in-error") || status.equals("cancelled")) {
            fatal.add(new Rejection(Rejection.Code.INVALID_VALUE, where + "Observation status is " + status));
        }
        String patientId = subject(o.path("subject"), patients, where, fatal);
        long ts = effective(o, where, fatal);

        Values values = new Values();
        List<Rejection> partial = new ArrayList<>();
        Vital own = vitalOf(o.path("code"));
        boolean panel = isPanel(o.path("code"));
        if (own != null) {
            Rejection r = values.read(own, o);
            if (r != null) {
                partial.add(prefixed(where, r));
            }
        }
        values.roomAirValue(o);
        JsonNode components = o.path("component");
        for (int k = 0; k < components.size(); k++) {
            JsonNode c = components.get(k);
            Vital v = vitalOf(c.path("code"));
            if (v == null) {
                continue; // diastolic, mean pressure, device settings: not scored
            }
            Rejection r = values.read(v, c);
            if (r != null) {
                partial.add(prefixed(where + "component " + k + " (" + codes(c.path("code")) + "): ", r));
            }
        }
        if (own == null && !panel && values.isEmpty() && partial.isEmpty()) {
            fatal.add(new Rejection(Rejection.Code.UNKNOWN_CODE, where + "no code VitalStorm reads among "
                    + codes(o.path("code"))
                    + " (see docs/fhir-mapping.md: heart rate LOINC 8867-4, respiratory rate 9279-1, "
                    + "SpO2 59408-5/2708-6, systolic BP 8480-6, temperature 8310-5, O2 flow 3151-8, FiO2 3150-0, "
                    + "consciousness 67775-7)"));
        } else if (values.isEmpty() && partial.isEmpty()) {
            fatal.add(new Rejection(Rejection.Code.NO_VITALS, where + "panel " + codes(o.path("code"))
                    + " has no component VitalStorm reads"));
        }
        if (!fatal.isEmpty() || values.isEmpty()) {
            List<Rejection> all = new ArrayList<>(fatal);
            all.addAll(partial);
            return new ParseResult.Invalid(ParseResult.combine(all));
        }
        Observation read = values.toObservation(patientId, device(o.path("device")), ts);
        return partial.isEmpty() ? new ParseResult.Valid(read) : new ParseResult.Batch(List.of(read), partial);
    }

    /** The values read from one Observation and its components. */
    private static final class Values {
        final Map<Vital, Double> numbers = new EnumMap<>(Vital.class);
        Consciousness consciousness;
        Boolean onOxygen;

        boolean isEmpty() {
            return numbers.isEmpty() && consciousness == null && onOxygen == null;
        }

        /** Reads the value of {@code holder} (an Observation or a component) as {@code vital}; the problem if any. */
        Rejection read(Vital vital, JsonNode holder) {
            switch (vital) {
                case AIR -> {
                    onOxygen = Boolean.FALSE;
                    return null;
                }
                case CONSCIOUSNESS -> {
                    for (String c : codings(holder.path("valueCodeableConcept"))) {
                        if (ACVPU.containsKey(c)) {
                            consciousness = ACVPU.get(c);
                            return null;
                        }
                    }
                    return new Rejection(Rejection.Code.INVALID_VALUE, "consciousness: valueCodeableConcept "
                            + codes(holder.path("valueCodeableConcept"))
                            + " is not an ACVPU answer (SNOMED 248234008 A, "
                            + "130987000 C, 300202002 V, 450847001 P, 422768004 U)");
                }
                default -> {
                    return quantity(vital, holder.path("valueQuantity"));
                }
            }
        }

        /** SNOMED room air / on oxygen given as the value of any Observation or component. */
        void roomAirValue(JsonNode o) {
            Set<String> value = codings(o.path("valueCodeableConcept"));
            if (value.contains(ROOM_AIR)) {
                onOxygen = Boolean.FALSE;
            } else if (value.contains(ON_OXYGEN)) {
                onOxygen = Boolean.TRUE;
            }
        }

        private Rejection quantity(Vital vital, JsonNode quantity) {
            JsonNode value = quantity.path("value");
            if (!value.isNumber()) {
                return new Rejection(Rejection.Code.MISSING_FIELD,
                        vital.field() + ": valueQuantity.value must be a number");
            }
            String unit = quantity.hasNonNull("code") ? quantity.get("code").asText() : quantity.path("unit").asText();
            if (!vital.units.contains(unit)) {
                return new Rejection(Rejection.Code.BAD_UNIT, vital.field() + " unit '" + unit + "' is not one of "
                        + vital.units + " (UCUM)");
            }
            // °F to °C, kept to 0.01 °C so 98.6 °F reads as 37 and not 36.99999999999999
            double v = unit.equals("[degF]") ? Math.round((value.doubleValue() - 32) * 500 / 9) / 100.0
                    : value.doubleValue();
            if (!Double.isFinite(v)) {
                return new Rejection(Rejection.Code.OUT_OF_RANGE,
                        vital.field() + " " + value.asText() + " is not a finite number");
            }
            if (vital.limits != null && !vital.limits.contains(v)) {
                return new Rejection(Rejection.Code.OUT_OF_RANGE, vital.limits.describe(v));
            }
            if (vital == Vital.OXYGEN_FLOW || vital == Vital.OXYGEN_CONCENTRATION) {
                if (v < 0 || (vital == Vital.OXYGEN_CONCENTRATION && v > 100)) {
                    return new Rejection(Rejection.Code.OUT_OF_RANGE, vital.field() + " " + v + " is not a possible "
                            + (vital == Vital.OXYGEN_FLOW ? "flow" : "concentration"));
                }
                // more than room air's 21 % or any flow: supplemental oxygen (one reading saying so is enough)
                boolean supplemented = vital == Vital.OXYGEN_FLOW ? v > 0 : v > 21;
                onOxygen = Boolean.TRUE.equals(onOxygen) || supplemented;
                return null;
            }
            numbers.put(vital, v);
            return null;
        }

        Observation toObservation(String patientId, String device, long ts) {
            return new Observation(patientId, device, ts, numbers.get(Vital.HEART_RATE),
                    numbers.get(Vital.RESPIRATORY_RATE),
                    numbers.get(Vital.SPO2), numbers.get(Vital.SYSTOLIC_BP), numbers.get(Vital.TEMPERATURE),
                    consciousness, onOxygen);
        }
    }

    /**
     * The patient: a literal reference exactly {@code Patient/<id>}, a {@code urn:uuid:} of a
     * Patient entry of the Bundle, or {@code subject.identifier} through the registry's identifier index.
     */
    private String subject(JsonNode subject, Map<String, JsonNode> patients, String where, List<Rejection> problems) {
        JsonNode ref = subject.get("reference");
        if (ref != null && ref.isTextual()) {
            String text = ref.textValue();
            if (text.startsWith("urn:uuid:")) {
                JsonNode patient = patients.get(text);
                if (patient == null) {
                    problems.add(new Rejection(Rejection.Code.INVALID_VALUE, where + "subject " + text
                            + " is no Patient entry of the Bundle"));
                    return null;
                }
                return fromPatientResource(patient, text, where, problems);
            }
            if (text.startsWith("Patient/")) {
                String id = text.substring("Patient/".length());
                if (!ObservationParser.isValidId(id)) {
                    problems.add(new Rejection(Rejection.Code.INVALID_VALUE, where + "patient id '" + id
                            + "' is not 1-64 of [A-Za-z0-9._:-] starting alphanumeric"));
                    return null;
                }
                return id;
            }
            problems.add(
                    new Rejection(Rejection.Code.MISSING_FIELD,
                            where + "subject.reference must be exactly \"Patient/<id>\" "
                    + "or the urn:uuid: of a Patient entry of the Bundle"));
            return null;
        }
        JsonNode identifier = subject.get("identifier");
        if (identifier != null && identifier.isObject()) {
            return byIdentifier(identifier, where + "subject.identifier", problems);
        }
        problems.add(new Rejection(Rejection.Code.MISSING_FIELD, where
                + "subject must reference a Patient (\"Patient/<id>\", urn:uuid: of a Bundle entry, or an "
                + "identifier)"));
        return null;
    }

    /** A Bundle's Patient entry: the first of its identifiers the registry knows, else its id. */
    private String fromPatientResource(JsonNode patient, String fullUrl, String where, List<Rejection> problems) {
        for (JsonNode identifier : patient.path("identifier")) {
            Optional<String> known = lookUp(identifier);
            if (known.isPresent()) {
                return known.get();
            }
        }
        JsonNode id = patient.get("id");
        if (id != null && id.isTextual() && ObservationParser.isValidId(id.textValue())) {
            return id.textValue();
        }
        problems.add(new Rejection(Rejection.Code.INVALID_VALUE, where + "Patient entry " + fullUrl
                + " has neither an identifier the registry knows nor a valid id"));
        return null;
    }

    private String byIdentifier(JsonNode identifier, String what, List<Rejection> problems) {
        Optional<String> known = lookUp(identifier);
        if (known.isEmpty()) {
            problems.add(
                    new Rejection(Rejection.Code.INVALID_VALUE, what + " " + identifier.path("system").asText() + "|"
                    + identifier.path("value").asText() + " is no patient of the registry"));
            return null;
        }
        return known.get();
    }

    private Optional<String> lookUp(JsonNode identifier) {
        JsonNode system = identifier.get("system");
        JsonNode value = identifier.get("value");
        if (system == null || !system.isTextual() || value == null || !value.isTextual()
                || system.textValue().isBlank() || value.textValue().isBlank()) {
            return Optional.empty();
        }
        return identifiers.patientFor(new PatientIdentifier(system.textValue(), value.textValue()));
    }

    /** effectiveDateTime, effectiveInstant, or the end of effectivePeriod (a wearable's one-minute window). */
    private static long effective(JsonNode o, String where, List<Rejection> problems) {
        String field;
        JsonNode when;
        if (o.hasNonNull("effectiveDateTime")) {
            field = "effectiveDateTime";
            when = o.get(field);
        } else if (o.hasNonNull("effectiveInstant")) {
            field = "effectiveInstant";
            when = o.get(field);
        } else if (o.hasNonNull("effectivePeriod")) {
            field = "effectivePeriod.end";
            when = o.get("effectivePeriod").get("end");
            if (when == null || when.isNull()) {
                problems.add(new Rejection(Rejection.Code.MISSING_FIELD, where
                        + "effectivePeriod.end is required (the event time is the end of the period)"));
                return 0;
            }
        } else {
            problems.add(new Rejection(Rejection.Code.MISSING_FIELD, where
                    + "effectiveDateTime, effectiveInstant or effectivePeriod is required"));
            return 0;
        }
        OptionalLong ts = when.isTextual() ? EventTimes.parseIso(when.textValue()) : OptionalLong.empty();
        if (ts.isEmpty() || !EventTimes.plausible(ts.getAsLong())) {
            problems.add(new Rejection(Rejection.Code.INVALID_VALUE, where + field + " '" + when.asText()
                    + "' must be a date and time with an offset, between 2000 and 2100"));
            return 0;
        }
        return ts.getAsLong();
    }

    private static String device(JsonNode device) {
        JsonNode ref = device.get("reference");
        if (ref == null || !ref.isTextual() || !ref.textValue().startsWith("Device/")) {
            return null;
        }
        String id = ref.textValue().substring("Device/".length());
        return ObservationParser.isValidId(id) ? id : null;
    }

    /** The vital named by any coding of the concept (FHIR puts no order on codings), or null. */
    private static Vital vitalOf(JsonNode concept) {
        for (String c : codings(concept)) {
            Vital v = BY_CODE.get(c);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static boolean isPanel(JsonNode concept) {
        for (String c : codings(concept)) {
            if (PANELS.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** Every coding as "system|code", exactly as sent (no trimming, no case folding). */
    private static Set<String> codings(JsonNode concept) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode coding : concept.path("coding")) {
            JsonNode system = coding.get("system");
            JsonNode code = coding.get("code");
            if (system != null && system.isTextual() && code != null && code.isTextual()) {
                out.add(system.textValue() + "|" + code.textValue());
            }
        }
        return out;
    }

    /** The codes present, for a reason: "LOINC 8310-5, SNOMED 276885007", or "no coding". */
    private static String codes(JsonNode concept) {
        List<String> out = new ArrayList<>();
        for (JsonNode coding : concept.path("coding")) {
            String system = coding.path("system").asText("");
            String name = switch (system) {
                case LOINC -> "LOINC";
                case SNOMED -> "SNOMED";
                case MDC -> "MDC";
                default -> system.isEmpty() ? "(no system)" : system;
            };
            out.add(name + " " + clip(coding.path("code").asText("")));
        }
        return out.isEmpty() ? "no coding" : String.join(", ", out);
    }

    /** A code as quoted in a reason: at most 40 characters of it. */
    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static Rejection prefixed(String prefix, Rejection r) {
        return prefix.isEmpty() ? r : new Rejection(r.code(), prefix + r.message());
    }

    private static ParseResult invalid(Rejection.Code code, String message) {
        return new ParseResult.Invalid(new Rejection(code, message));
    }
}
