package io.vitalstorm.core.window;

import java.time.Duration;

/**
 * When a trend counts as deterioration: a NEWS2 rise of {@code news2Rise} within
 * {@code horizon}, or, over one window of bucket medians, heart rate climbing faster than
 * {@code heartRateRisePer10Min} or SpO2 falling faster than {@code spo2FallPer10Min}.
 */
public record TrendSettings(Duration horizon, int news2Rise, double heartRateRisePer10Min, double spo2FallPer10Min) {

    public static final TrendSettings DEFAULTS = new TrendSettings(Duration.ofMinutes(60), 2, 15, 3);

    public TrendSettings {
        if (horizon.isNegative() || horizon.isZero() || news2Rise < 1) {
            throw new IllegalArgumentException("horizon must be positive and news2Rise >= 1");
        }
    }
}
