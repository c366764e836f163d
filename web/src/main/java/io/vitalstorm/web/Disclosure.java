package io.vitalstorm.web;

import java.time.Duration;

/**
 * What an export shows of a patient: identifiers and event times as stored (for users who may see
 * identities, {@link #IDENTITIES}), or pseudonyms and event times shifted by the patient's own whole
 * number of days ({@link Pseudonyms}), so a row's date does not point back to the patient while
 * its time of day and the intervals between the patient's readings stay as they were.
 */
interface Disclosure {

    Disclosure IDENTITIES = new Disclosure() {
        @Override
        public String id(String identifier) {
            return identifier;
        }

        @Override
        public Duration shift(String patientId) {
            return Duration.ZERO;
        }
    };

    /** How {@code identifier} (a patient or device id) is shown. */
    String id(String identifier);

    /** Added to every event time of the patient's rows: whole days, the same for every row of the patient. */
    Duration shift(String patientId);
}
