package io.vitalstorm.core.thresholds;

import java.time.Duration;

/**
 * The clocks of the alert lifecycle.
 *
 * @param escalateAfter an open alert nobody acknowledged is escalated after this long, and again
 *                      after each further period (re-notify, up the chain)
 * @param cooldown      after an alert resolves, the same condition at the same or a lower band
 *                      does not open a new alert for this long (no flapping around the trigger);
 *                      a worse band alerts at once
 * @param noDataAfter   a patient from whom nothing has arrived for this long gets a NO_DATA alert
 */
public record AlertTiming(Duration escalateAfter, Duration cooldown, Duration noDataAfter) {

    public static final AlertTiming DEFAULTS =
            new AlertTiming(Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofMinutes(10));

    public AlertTiming {
        if (escalateAfter == null || escalateAfter.isNegative() || escalateAfter.isZero()) {
            throw new IllegalArgumentException("escalateAfterMinutes must be > 0");
        }
        if (cooldown == null || cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldownMinutes must be >= 0");
        }
        if (noDataAfter == null || noDataAfter.isNegative() || noDataAfter.isZero()) {
            throw new IllegalArgumentException("noDataAfterMinutes must be > 0");
        }
    }
}
