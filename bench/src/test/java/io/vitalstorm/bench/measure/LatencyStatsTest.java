package io.vitalstorm.bench.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyStatsTest {

    @Test
    void percentilesOfOneToThousandMilliseconds() {
        LatencyStats stats = new LatencyStats();
        for (int ms = 1; ms <= 1_000; ms++) {
            stats.record(ms);
        }
        LatencyStats.Summary s = stats.summary();
        assertThat(s.count()).isEqualTo(1_000);
        assertThat(s.p50()).isCloseTo(500, within(1.0));
        assertThat(s.p99()).isCloseTo(990, within(1.0));
        assertThat(s.p999()).isCloseTo(999, within(1.0));
        assertThat(s.max()).isCloseTo(1_000, within(1.0));
    }

    @Test
    void oneSlowSampleInAThousandShowsAtP999NotP99() {
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < 999; i++) {
            stats.record(10);
        }
        stats.record(5_000);
        LatencyStats.Summary s = stats.summary();
        assertThat(s.p99()).isCloseTo(10, within(0.1));
        assertThat(s.p999()).isCloseTo(10, within(0.1));
        assertThat(s.max()).isCloseTo(5_000, within(5.0));
    }

    @Test
    void clockSkewBelowOneMillisecondCountsAsOne() {
        LatencyStats stats = new LatencyStats();
        stats.record(-3);
        stats.record(0);
        assertThat(stats.summary().max()).isEqualTo(1);
    }

    @Test
    void noSamplesMeansNoPercentiles() {
        LatencyStats.Summary s = new LatencyStats().summary();
        assertThat(s.count()).isZero();
        assertThat(s.p99()).isNaN();
    }
}
