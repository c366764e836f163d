package io.vitalstorm.core.risk;

/**
 * What an alert is about. A patient has at most one open alert per condition.
 * <ul>
 *   <li>{@code NEWS2}: the band has reached the alert trigger (sustained, or on a spot check);</li>
 *   <li>{@code DETERIORATING}: the score or the vital-sign trend is heading the wrong way, before the band is
 *   high;</li>
 *   <li>{@code NO_DATA}: nothing has arrived from the patient's devices for too long.</li>
 * </ul>
 */
public enum AlertCondition {
    NEWS2, DETERIORATING, NO_DATA
}
