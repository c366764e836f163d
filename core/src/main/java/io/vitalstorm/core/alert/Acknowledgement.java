package io.vitalstorm.core.alert;

/**
 * A clinician taking an alert ("I'm on it"), from the acknowledgements topic or the CLI.
 *
 * @param ts when it was acknowledged, epoch milliseconds
 */
public record Acknowledgement(String patientId, String alertId, String by, long ts, String note) {
}
