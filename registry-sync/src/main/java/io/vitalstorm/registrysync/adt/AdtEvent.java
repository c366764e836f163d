package io.vitalstorm.registrysync.adt;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * An admission, transfer, discharge or update of a patient, from whichever message format. A null
 * field was not in the message and changes nothing in the registry.
 *
 * @param eventTime when it happened at the hospital (not when it arrived): the registry applies
 *                  it from then on, and ignores an older event arriving after a newer one
 * @param reference the message's own id and type, for the history (e.g. "HL7 ADT^A02 MSG00042")
 */
public record AdtEvent(Kind kind, String patientId, Map<String, String> identifiers, String displayName,
                       LocalDate birthDate, String ward, String careTeam, String doctor, Instant eventTime,
                       String reference) {

    public enum Kind { ADMIT, TRANSFER, DISCHARGE, UPDATE }

    public AdtEvent {
        identifiers = identifiers == null ? Map.of() : Map.copyOf(identifiers);
    }
}
