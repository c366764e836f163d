package io.vitalstorm.bench.run;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.thresholds.AlertTiming;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.vitals.Validity;
import io.vitalstorm.core.window.TrendSettings;
import io.vitalstorm.core.window.WindowSettings;

import java.time.Duration;

/**
 * The thresholds the bench ward runs with: the documented defaults (windows, sustain, validity,
 * trend, escalation, no-data), except that alerts resolve after 30 s below the trigger instead
 * of 15 min and the cooldown is 1 min instead of 10, so the ward's deteriorations open and
 * resolve alerts all through a run and the latency benchmark gets alert samples.
 */
final class BenchThresholds {

    static final Thresholds WARD = new Thresholds(RiskBand.LOW_MEDIUM, Duration.ofSeconds(30), ScoringTables.RCP_2017,
            Validity.DEFAULTS, WindowSettings.DEFAULTS, TrendSettings.DEFAULTS,
            new AlertTiming(AlertTiming.DEFAULTS.escalateAfter(), Duration.ofMinutes(1),
                    AlertTiming.DEFAULTS.noDataAfter()));

    private BenchThresholds() {
    }
}
