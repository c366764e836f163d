package io.vitalstorm.core.window;

import io.vitalstorm.core.state.TrendState;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Early warning before the band is high. NEWS2 history is kept as the lowest score per
 * five-minute slot over the horizon (12 bytes for an hour, in a ring), so a
 * rise is measured from the patient's recent best. Vital-sign slopes are least-squares fits over
 * the current window's bucket medians. The rise and slope limits are read per call, so a live
 * thresholds change applies at once; the horizon fixes the number of slots.
 */
public final class TrendDetector {

    static final long SLOT_MILLIS = 5 * 60_000L;
    private static final byte EMPTY = -1;

    /** Ring of the lowest score per slot, for the slots (newest - length, newest]; EMPTY where none. */
    private final byte[] slotMin;
    private int newest = Integer.MIN_VALUE;

    public TrendDetector(TrendSettings settings) {
        this.slotMin = new byte[slotsFor(settings)];
        Arrays.fill(slotMin, EMPTY);
    }

    private static int slotsFor(TrendSettings settings) {
        return (int) Math.max(1, settings.horizon().toMillis() / SLOT_MILLIS);
    }

    /** True when this detector was built for {@code settings}' horizon. */
    public boolean fits(TrendSettings settings) {
        return slotMin.length == slotsFor(settings);
    }

    /**
     * Records a score at event time {@code ts}; returns the rise (current minus the horizon's minimum) if it meets the
     * setting.
     */
    public Optional<String> onScore(long ts, int news2, TrendSettings settings) {
        // slot numbers since the epoch fit an int for 20,000 years of five-minute slots
        int slot = (int) Math.floorDiv(ts, SLOT_MILLIS);
        if (newest == Integer.MIN_VALUE || slot - newest >= slotMin.length) {
            Arrays.fill(slotMin, EMPTY);
            newest = slot;
        } else if (slot > newest) {
            for (int k = newest + 1; k <= slot; k++) {
                slotMin[Math.floorMod(k, slotMin.length)] = EMPTY; // slots that fell out of the horizon
            }
            newest = slot;
        }
        if (slot > newest - slotMin.length) {
            int i = Math.floorMod(slot, slotMin.length);
            slotMin[i] = slotMin[i] == EMPTY ? (byte) news2 : (byte) Math.min(slotMin[i], news2);
        }
        int lowest = news2;
        for (byte min : slotMin) {
            if (min != EMPTY) {
                lowest = Math.min(lowest, min);
            }
        }
        int rise = news2 - lowest;
        return rise >= settings.news2Rise()
                ? Optional.of("NEWS2 rose by " + rise + " (from " + lowest + " to " + news2 + ") within "
                        + settings.horizon().toMinutes() + " min")
                : Optional.empty();
    }

    /** A heart-rate climb or SpO2 fall across the window's buckets, if any (the caller checks it is sustained). */
    public static Optional<String> slopes(List<BucketSummary> window, int bucketsPerWindow, TrendSettings settings) {
        Double hr = perTenMinutes(window, bucketsPerWindow, BucketSummary::heartRate);
        if (hr != null && hr >= settings.heartRateRisePer10Min()) {
            return Optional.of(String.format("heart rate rising %.1f bpm per 10 min", hr));
        }
        Double spo2 = perTenMinutes(window, bucketsPerWindow, BucketSummary::spo2);
        if (spo2 != null && -spo2 >= settings.spo2FallPer10Min()) {
            return Optional.of(String.format("SpO2 falling %.1f %% per 10 min", -spo2));
        }
        return Optional.empty();
    }

    /**
     * Least-squares slope of the bucket medians, scaled to 10 minutes; null unless 80 % of a full
     * window has values and the line explains at least {@link #MIN_R_SQUARED} of their variance —
     * whole-number medians of a steady patient (97, 97, 96, 97, …) have a slope but no trend.
     */
    static Double perTenMinutes(List<BucketSummary> window, int bucketsPerWindow,
            Function<BucketSummary, Double> value) {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        for (BucketSummary b : window) {
            Double v = value.apply(b);
            if (v != null) {
                double x = (b.start() - window.get(0).start()) / 600_000.0;
                n++;
                sx += x;
                sy += v;
                sxx += x * x;
                sxy += x * v;
                syy += v * v;
            }
        }
        double varX = n * sxx - sx * sx;
        double varY = n * syy - sy * sy;
        if (n < Math.max(3, 0.8 * bucketsPerWindow) || varX == 0 || varY == 0) {
            return null;
        }
        double cov = n * sxy - sx * sy;
        return cov * cov / (varX * varY) >= MIN_R_SQUARED ? cov / varX : null;
    }

    /** How much of the medians' variance the straight line must explain to count as a trend. */
    static final double MIN_R_SQUARED = 0.6;

    /** The checkpointed form ({@link io.vitalstorm.core.state.RiskStateCodec} writes it); a copy. */
    public TrendState snapshot() {
        return new TrendState(newest, slotMin.clone());
    }

    /** The detector of a checkpoint; one checkpointed for another horizon starts afresh. */
    public static TrendDetector restore(TrendState s, TrendSettings settings) {
        TrendDetector t = new TrendDetector(settings);
        if (s.slotMin().length == t.slotMin.length) {
            t.newest = s.newest();
            System.arraycopy(s.slotMin(), 0, t.slotMin, 0, s.slotMin().length);
        }
        return t;
    }
}
