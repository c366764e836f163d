package io.vitalstorm.core.risk;

import io.vitalstorm.core.news2.RiskBand;

/**
 * The risk engine's current verdict on one alert condition for one patient: whether it holds,
 * at which band and score, and why (in words a clinician reads in the alert).
 */
public record Finding(AlertCondition condition, boolean active, RiskBand band, int news2, String reason) {

    public static Finding inactive(AlertCondition condition, RiskBand band, int news2) {
        return new Finding(condition, false, band, news2, null);
    }
}
