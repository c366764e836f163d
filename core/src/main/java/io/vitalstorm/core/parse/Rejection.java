package io.vitalstorm.core.parse;

/**
 * Why an input record was refused. {@code code} is stable for dashboards and alerting on
 * the dead-letter topic; {@code message} tells a person what was wrong.
 */
public record Rejection(Code code, String message) {

    public enum Code {
        TOO_LARGE, EMPTY, MALFORMED_JSON, NOT_AN_OBJECT, MISSING_FIELD, WRONG_TYPE, OUT_OF_RANGE, INVALID_VALUE,
                NO_VITALS,
        /** FHIR: a code VitalStorm does not score, or a resource type it does not read. */
        UNKNOWN_CODE,
        /** FHIR: a unit that is not the UCUM unit of the measurement (and cannot be converted). */
        BAD_UNIT,
        /** An acknowledgement of an alert that is not open (unknown, or already resolved). */
        UNKNOWN_ALERT,
        /** An acknowledgement without a valid signature: unsigned, forged, unknown key, stale or replayed. */
        UNAUTHENTICATED,
        /** An HL7 v2 message that does not parse (ADT feed). */
        MALFORMED_HL7,
        /** A record keyed to one patient carries a reading of another (or has no key). */
        WRONG_KEY,
        /** The parser itself failed: a defect in VitalStorm, kept with the record so nothing is lost. */
        INTERNAL_ERROR,
        /** A transient outage (Redis, Cassandra, Kafka, ZooKeeper) outlasted every retry of the record. */
        RETRIES_EXHAUSTED
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
