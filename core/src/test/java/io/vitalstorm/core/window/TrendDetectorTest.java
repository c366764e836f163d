package io.vitalstorm.core.window;

import io.vitalstorm.core.testsupport.Obs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Deterioration before the band is high: a NEWS2 rise within the hour, vital-sign slopes. */
class TrendDetectorTest {

    private static final long MIN = 60_000;
    private static final TrendSettings S = TrendSettings.DEFAULTS;
    private final TrendDetector trend = new TrendDetector(S);

    @Test
    void aRiseOfTwoWithinTheHourIsDeteriorationButNotOneAndNotOverMoreThanAnHour() {
        assertThat(trend.onScore(Obs.T0, 1, S)).isEmpty();
        assertThat(trend.onScore(Obs.T0 + 20 * MIN, 2, S)).isEmpty();
        assertThat(trend.onScore(Obs.T0 + 40 * MIN, 3, S)).hasValue("NEWS2 rose by 2 (from 1 to 3) within 60 min");

        TrendDetector slow = new TrendDetector(TrendSettings.DEFAULTS);
        slow.onScore(Obs.T0, 1, S);
        slow.onScore(Obs.T0 + 35 * MIN, 2, S);
        assertThat(slow.onScore(Obs.T0 + 70 * MIN, 3, S)).as("the 1 is more than an hour old").isEmpty();
    }

    private static List<BucketSummary> window(double hrStart, double hrPerBucket, double spo2Start,
            double spo2PerBucket) {
        List<BucketSummary> w = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long start = Obs.T0 + i * 30_000L;
            w.add(new BucketSummary(start, start + 30_000, 30, hrStart + i * hrPerBucket, 18.0,
                    spo2Start + i * spo2PerBucket));
        }
        return w;
    }

    @Test
    void climbingHeartRateAndFallingSaturationAreCaughtFromTheWindowMedians() {
        // 1 bpm per 30 s = 20 bpm per 10 min
        assertThat(TrendDetector.slopes(window(90, 1, 97, 0), 10, S)).hasValue("heart rate rising 20.0 bpm per 10 min");
        // -0.2 % per 30 s = -4 % per 10 min
        assertThat(TrendDetector.slopes(window(80, 0, 97, -0.2), 10, S)).hasValue("SpO2 falling 4.0 % per 10 min");
        assertThat(TrendDetector.slopes(window(80, 0.2, 97, -0.05), 10, S)).as("4 bpm and 1 % per 10 min are noise")
                .isEmpty();
        assertThat(TrendDetector.slopes(window(90, 1, 97, 0).subList(0, 7), 10, S)).as("less than 80 % of a window")
                .isEmpty();
    }

    @Test
    void wholeNumberJitterOfASteadyPatientIsNoTrend() {
        // SpO2 medians 97 97 96 97 96 96 97 96 95 96: a least-squares slope of about -2.4 % per 10 min, but no line in
        // it
        double[] spo2 = {97, 97, 96, 97, 96, 96, 97, 96, 95, 96};
        List<BucketSummary> w = new ArrayList<>();
        for (int i = 0; i < spo2.length; i++) {
            long start = Obs.T0 + i * 30_000L;
            w.add(new BucketSummary(start, start + 30_000, 30, 80.0, 16.0, spo2[i]));
        }
        assertThat(TrendDetector.perTenMinutes(w, 10, BucketSummary::spo2)).isNull();
        assertThat(TrendDetector.slopes(w, 10, new TrendSettings(java.time.Duration.ofMinutes(60), 2, 15, 1)))
                .isEmpty();
    }
}
