package io.vitalstorm.core.alert;

/**
 * Where an alert is in its life. OPEN and ESCALATED notify; ACKNOWLEDGED records that a
 * clinician has taken it (it stays open and stops the unacknowledged-escalation clock);
 * RESOLVED closes it.
 */
public enum AlertState {
    OPEN, ESCALATED, ACKNOWLEDGED, RESOLVED
}
