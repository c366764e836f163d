package io.vitalstorm.core.news2;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One row of the NEWS2 chart: ordered bands "value up to X scores S", the last band open-ended.
 * Values are first rounded to the chart's resolution (whole numbers, or 0.1 for temperature),
 * so that e.g. 20.4 breaths/min reads as 20 the way a nurse would chart it.
 */
public record ScoreTable(List<Band> bands, double resolution) {

    /** {@code upTo} is inclusive; null means "anything above the previous band". */
    public record Band(Double upTo, int score) {
    }

    public ScoreTable {
        bands = List.copyOf(bands);
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("a score table needs at least one band");
        }
        Double previous = null;
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            boolean last = i == bands.size() - 1;
            if (band.score() < 0 || band.score() > 3) {
                throw new IllegalArgumentException("NEWS2 scores are 0..3, got " + band.score());
            }
            if (last != (band.upTo() == null)) {
                throw new IllegalArgumentException("only the last band is open-ended (no upTo)");
            }
            if (!last && previous != null && band.upTo() <= previous) {
                throw new IllegalArgumentException("band limits must increase: " + band.upTo() + " after " + previous);
            }
            previous = band.upTo();
        }
        if (!(resolution > 0)) {
            throw new IllegalArgumentException("resolution must be positive");
        }
    }

    /** Shorthand: {@code of(1, 8,3, 11,1, 20,0, 24,2, 3)} = up to 8 →3, up to 11 →1, …, above → 3. */
    public static ScoreTable of(double resolution, double... limitsAndScores) {
        if (limitsAndScores.length % 2 == 0) {
            throw new IllegalArgumentException("expected pairs of (upTo, score) and a final score");
        }
        Band[] bands = new Band[limitsAndScores.length / 2 + 1];
        for (int i = 0; i < bands.length - 1; i++) {
            bands[i] = new Band(limitsAndScores[2 * i], (int) limitsAndScores[2 * i + 1]);
        }
        bands[bands.length - 1] = new Band(null, (int) limitsAndScores[limitsAndScores.length - 1]);
        return new ScoreTable(List.of(bands), resolution);
    }

    public int score(double value) {
        double charted = chart(value);
        for (Band band : bands) {
            // a small epsilon absorbs binary rounding of e.g. 35.1 = 351 * 0.1
            if (band.upTo() == null || charted <= band.upTo() + resolution / 1000) {
                return band.score();
            }
        }
        throw new AssertionError("last band is open-ended");
    }

    /**
     * Rounds half up on the decimal value as sent: in binary 35.05 is 35.04999…, and
     * Math.round(35.05 / 0.1) would chart it as 35.0 instead of 35.1.
     */
    private double chart(double value) {
        if (!Double.isFinite(value)) {
            return Math.round(value / resolution) * resolution;
        }
        BigDecimal steps = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(resolution), 0, RoundingMode.HALF_UP);
        return steps.doubleValue() * resolution;
    }
}
