package io.vitalstorm.registrysync.adt;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.primitive.CommonTS;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.vitalstorm.core.parse.Rejection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HL7 v2 ADT messages (A01 admit, A02 transfer, A03 discharge, A08 update; any 2.x version,
 * read into the 2.5 model) through HAPI's parser. The patient is the first PID-3 identifier,
 * every PID-3 identifier is kept by type (MR as "mrn"); ward is PV1-3.1 (point of care), care
 * team PV1-10 (hospital service), doctor PV1-7 (attending); the event time is EVN-6, else EVN-2,
 * else MSH-7. Not thread-safe (HAPI's parser); one per task.
 */
final class Hl7AdtReader {

    private static final int MAX_IDENTIFIERS = 10;
    private final PipeParser parser;

    Hl7AdtReader() {
        HapiContext context = new DefaultHapiContext();
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        parser = context.getPipeParser();
    }

    AdtParseResult read(String text) {
        Message message;
        try {
            message = parser.parse(text.replace("\r\n", "\r").replace('\n', '\r'));
        } catch (HL7Exception e) {
            return AdtParseResult.refused(Rejection.Code.MALFORMED_HL7,
                    "not a parseable HL7 v2 message: " + e.getMessage());
        }
        try {
            Terser t = new Terser(message);
            String trigger = t.get("/MSH-9-2");
            AdtEvent.Kind kind = trigger == null ? null : switch (trigger) {
                case "A01", "A04" -> AdtEvent.Kind.ADMIT;
                case "A02" -> AdtEvent.Kind.TRANSFER;
                case "A03" -> AdtEvent.Kind.DISCHARGE;
                case "A08" -> AdtEvent.Kind.UPDATE;
                default -> null;
            };
            if (kind == null) {
                return AdtParseResult.refused(Rejection.Code.UNKNOWN_CODE, "ADT trigger event " + trigger
                        + " is not one VitalStorm reads (A01, A02, A03, A04, A08)");
            }
            Map<String, String> ids = new LinkedHashMap<>();
            String patientId = null;
            for (int i = 0; i < MAX_IDENTIFIERS; i++) {
                String id = t.get("/.PID-3(" + i + ")-1");
                if (id == null || id.isBlank()) {
                    break;
                }
                patientId = patientId == null ? id.trim() : patientId;
                String type = t.get("/.PID-3(" + i + ")-5");
                ids.put(type == null || type.isBlank() ? "id" + i : type.equalsIgnoreCase("MR") ? "mrn"
                        : type.toLowerCase(java.util.Locale.ROOT),
                        id.trim());
            }
            if (patientId == null) {
                return AdtParseResult.refused(Rejection.Code.MISSING_FIELD, "PID-3 (patient identifier) is empty");
            }
            Instant at = firstTime(t, "/.EVN-6-1", "/.EVN-2-1", "/MSH-7-1");
            if (at == null) {
                return AdtParseResult.refused(Rejection.Code.MISSING_FIELD, "no event time (EVN-6, EVN-2 or MSH-7)");
            }
            String birth = t.get("/.PID-7-1");
            return AdtParseResult.ok(new AdtEvent(kind, patientId, ids, name(t.get("/.PID-5-2"), t.get("/.PID-5-1")),
                    birth == null ? null
                    : LocalDate.parse(birth.substring(0, Math.min(8, birth.length())),
                            DateTimeFormatter.BASIC_ISO_DATE),
                    blankToNull(t.get("/.PV1-3-1")), blankToNull(t.get("/.PV1-10")),
                    name(t.get("/.PV1-7-3"), t.get("/.PV1-7-2")),
                    at, "HL7 ADT^" + trigger + " " + t.get("/MSH-10")));
        } catch (HL7Exception | java.time.DateTimeException | StringIndexOutOfBoundsException e) {
            return AdtParseResult.refused(Rejection.Code.INVALID_VALUE,
                    "HL7 ADT message with an unreadable field: " + e.getMessage());
        }
    }

    private static Instant firstTime(Terser t, String... paths) throws HL7Exception {
        for (String path : paths) {
            String v = t.get(path);
            if (v != null && !v.isBlank()) {
                try {
                    return new CommonTS(v.trim()).getValueAsDate().toInstant();
                } catch (DataTypeException e) {
                    throw new HL7Exception(path + " '" + v + "' is not an HL7 time stamp");
                }
            }
        }
        return null;
    }

    private static String name(String given, String family) {
        String g = blankToNull(given);
        String f = blankToNull(family);
        return g == null ? f : f == null ? g : g + " " + f;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
