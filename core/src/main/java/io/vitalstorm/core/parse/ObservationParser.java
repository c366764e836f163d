package io.vitalstorm.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.StrictJson;
import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Parses and validates the native JSON observation format (see docs/input-formats.md).
 * Every problem in a record is reported, not just the first, so one look at the
 * dead-letter entry tells the integrator everything to fix. Unknown fields are ignored
 * so that devices can send extra telemetry; the JSON itself is read strictly ({@link StrictJson}:
 * UTF-8 only, no duplicate keys, nothing after the value).
 */
public final class ObservationParser {

    /** Far above a real observation (~300 bytes); anything bigger is a misrouted payload. */
    public static final int MAX_RECORD_BYTES = 16 * 1024;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    /** A FHIR Bundle of a few hundred vital-sign resources fits well below this. */
    public static final int MAX_BUNDLE_BYTES = 512 * 1024;

    private final FhirObservationReader fhir;

    /** FHIR subjects given by identifier are refused (no registry index). */
    public ObservationParser() {
        this(PatientIdentifiers.NONE);
    }

    /** FHIR subjects given by identifier (or Bundle Patient entries) are resolved through {@code identifiers}. */
    public ObservationParser(PatientIdentifiers identifiers) {
        this.fhir = new FhirObservationReader(identifiers);
    }

    /** A patient or device id: 1-64 of [A-Za-z0-9._:-] starting alphanumeric (no control character, no slash). */
    public static boolean isValidId(String id) {
        return ID.matcher(id).matches();
    }

    /**
     * Native observations, and HL7 FHIR R4 Observations and Bundles (recognised by "resourceType").
     * Never throws: a defect of the parser on some input comes back as an {@code INTERNAL_ERROR}
     * rejection with the exception, so the record is dead-lettered rather than the worker stopped.
     */
    public ParseResult parse(byte[] record) {
        try {
            return parseOrThrow(record);
        } catch (RuntimeException | StackOverflowError bug) {
            return internalError(bug);
        }
    }

    /** The rejection that stands for a defect met while parsing (the record itself is kept by the caller). */
    static ParseResult internalError(Throwable bug) {
        return invalid(Rejection.Code.INTERNAL_ERROR, "parser failed: " + bug);
    }

    private ParseResult parseOrThrow(byte[] record) {
        if (record == null || record.length == 0) {
            return invalid(Rejection.Code.EMPTY, "empty record");
        }
        if (record.length > MAX_BUNDLE_BYTES) {
            return tooLarge(record, MAX_BUNDLE_BYTES);
        }
        StrictJson.Read json = StrictJson.read(record);
        JsonNode root = json.root();
        boolean fhirBundle = root != null && root.isObject() && "Bundle".equals(root.path("resourceType").asText());
        if (record.length > MAX_RECORD_BYTES && !fhirBundle) {
            return tooLarge(record, MAX_RECORD_BYTES);
        }
        if (json.error() != null) {
            return invalid(Rejection.Code.MALFORMED_JSON, json.error());
        }
        if (root == null || !root.isObject()) {
            return invalid(Rejection.Code.NOT_AN_OBJECT, "expected a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        if (root.has("resourceType")) {
            return fhir.read(root);
        }
        return new Reader(root).read();
    }

    private static ParseResult tooLarge(byte[] record, int limit) {
        return invalid(Rejection.Code.TOO_LARGE, "record is " + record.length + " bytes, limit " + limit);
    }

    private static ParseResult invalid(Rejection.Code code, String message) {
        return new ParseResult.Invalid(new Rejection(code, message));
    }

    /** Reads one object, collecting every problem. */
    private static final class Reader {
        private final JsonNode root;
        private final List<Rejection> problems = new ArrayList<>();

        Reader(JsonNode root) {
            this.root = root;
        }

        ParseResult read() {
            String patientId = id("patientId", true);
            String deviceId = id("deviceId", false);
            long ts = timestamp();
            Double hr = vital(PhysiologicalLimits.HEART_RATE);
            Double rr = vital(PhysiologicalLimits.RESPIRATORY_RATE);
            Double spo2 = vital(PhysiologicalLimits.SPO2);
            Double sbp = vital(PhysiologicalLimits.SYSTOLIC_BP);
            Double temp = vital(PhysiologicalLimits.TEMPERATURE);
            Consciousness acvpu = consciousness();
            Boolean onOxygen = bool("onOxygen");
            if (problems.isEmpty() && hr == null && rr == null && spo2 == null && sbp == null
                    && temp == null && acvpu == null) {
                problem(Rejection.Code.NO_VITALS, "no vital sign in the record");
            }
            if (!problems.isEmpty()) {
                return new ParseResult.Invalid(ParseResult.combine(problems));
            }
            return new ParseResult.Valid(
                    new Observation(patientId, deviceId, ts, hr, rr, spo2, sbp, temp, acvpu, onOxygen));
        }

        private void problem(Rejection.Code code, String message) {
            problems.add(new Rejection(code, message));
        }

        private JsonNode present(String field) {
            JsonNode n = root.get(field);
            return n == null || n.isNull() ? null : n;
        }

        private String id(String field, boolean required) {
            JsonNode n = present(field);
            if (n == null) {
                if (required) {
                    problem(Rejection.Code.MISSING_FIELD, field + " is required");
                }
                return null;
            }
            if (!n.isTextual()) {
                problem(Rejection.Code.WRONG_TYPE, field + " must be a string");
                return null;
            }
            if (!ID.matcher(n.textValue()).matches()) {
                problem(Rejection.Code.INVALID_VALUE, field + " must be 1-64 of [A-Za-z0-9._:-] starting alphanumeric");
                return null;
            }
            return n.textValue();
        }

        private long timestamp() {
            JsonNode n = present("ts");
            if (n == null) {
                problem(Rejection.Code.MISSING_FIELD, "ts is required");
                return 0;
            }
            OptionalLong millis = EventTimes.fromJson(n);
            if (millis.isEmpty()) {
                if (n.isTextual()) {
                    problem(Rejection.Code.INVALID_VALUE, "ts '" + n.textValue() + "' is not ISO-8601 with an offset");
                } else {
                    problem(Rejection.Code.WRONG_TYPE, "ts must be epoch milliseconds or an ISO-8601 string");
                }
                return 0;
            }
            if (!EventTimes.plausible(millis.getAsLong())) {
                problem(Rejection.Code.OUT_OF_RANGE,
                        "ts " + n.asText() + " is not between 2000 and 2100 (epoch milliseconds expected)");
            }
            return millis.getAsLong();
        }

        private Double vital(PhysiologicalLimits limits) {
            JsonNode n = present(limits.field());
            if (n == null) {
                return null;
            }
            if (!n.isNumber()) {
                problem(Rejection.Code.WRONG_TYPE, limits.field() + " must be a number");
                return null;
            }
            double v = n.doubleValue();
            if (!Double.isFinite(v) || !limits.contains(v)) {
                problem(Rejection.Code.OUT_OF_RANGE, limits.describe(v));
                return null;
            }
            return v;
        }

        private Consciousness consciousness() {
            JsonNode n = present("consciousness");
            if (n == null) {
                return null;
            }
            if (!n.isTextual()) {
                problem(Rejection.Code.WRONG_TYPE, "consciousness must be one of A, C, V, P, U");
                return null;
            }
            return Consciousness.fromCode(n.textValue()).orElseGet(() -> {
                problem(Rejection.Code.INVALID_VALUE,
                        "consciousness '" + n.textValue() + "' is not one of A, C, V, P, U");
                return null;
            });
        }

        private Boolean bool(String field) {
            JsonNode n = present(field);
            if (n == null) {
                return null;
            }
            if (!n.isBoolean()) {
                problem(Rejection.Code.WRONG_TYPE, field + " must be true or false");
                return null;
            }
            return n.booleanValue();
        }
    }
}
