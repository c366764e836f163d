package io.vitalstorm.registrysync.adt;

import io.vitalstorm.core.parse.Rejection;

import java.nio.charset.StandardCharsets;

/**
 * An ADT-topic record → an {@link AdtEvent} or a rejection: HL7 v2 when it starts with
 * {@code MSH}, a FHIR R4 Encounter when it starts with {@code {}. Never throws: whatever the
 * bytes, the answer is data. Not thread-safe; one per task.
 */
public final class AdtParser {

    /** Far above any real ADT message; refuses a runaway record before parsing it. */
    static final int MAX_BYTES = 1 << 20;

    private final Hl7AdtReader hl7 = new Hl7AdtReader();
    private final FhirEncounterReader fhir = new FhirEncounterReader();

    public AdtParseResult parse(byte[] value) {
        if (value == null || value.length == 0) {
            return AdtParseResult.refused(Rejection.Code.EMPTY, "empty ADT record");
        }
        if (value.length > MAX_BYTES) {
            return AdtParseResult.refused(Rejection.Code.TOO_LARGE,
                    "ADT record of " + value.length + " bytes (limit " + MAX_BYTES + ")");
        }
        try {
            String text = new String(value, StandardCharsets.UTF_8).strip();
            if (text.startsWith("MSH")) {
                return hl7.read(text);
            }
            if (text.startsWith("{")) {
                return fhir.read(value);
            }
            return AdtParseResult.refused(Rejection.Code.UNKNOWN_CODE,
                    "neither an HL7 v2 message (MSH...) nor a FHIR Encounter (JSON)");
        } catch (RuntimeException defect) {
            return AdtParseResult.refused(Rejection.Code.INTERNAL_ERROR, "ADT parser failed: " + defect);
        }
    }
}
