package io.vitalstorm.core.alert;

/** Where an alert is in its life: opened, made worse, or over. */
public enum AlertState {
    OPEN, ESCALATED, RESOLVED
}
