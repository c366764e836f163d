package io.vitalstorm.bench.run;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.thresholds.Thresholds;

import java.time.Duration;

/**
 * The thresholds the bench ward runs with: the RCP defaults, except that alerts resolve after
 * 30 s below the trigger instead of 15 min, so the ward's short deteriorations open and resolve
 * alerts all through a run and the latency benchmark gets enough alert samples.
 */
final class BenchThresholds {

    static final Thresholds WARD = new Thresholds(RiskBand.LOW_MEDIUM, Duration.ofSeconds(30), ScoringTables.RCP_2017);

    private BenchThresholds() {
    }
}
