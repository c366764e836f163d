package io.vitalstorm.core.news2;

/**
 * NEWS2 clinical risk, in increasing order (ordinal order is clinical order).
 * LOW_MEDIUM is "a single parameter scoring 3" with an aggregate below 5.
 */
public enum RiskBand {
    LOW, LOW_MEDIUM, MEDIUM, HIGH;

    public static RiskBand of(int aggregate, boolean anySingleParameterScoredThree) {
        if (aggregate >= 7) {
            return HIGH;
        }
        if (aggregate >= 5) {
            return MEDIUM;
        }
        return anySingleParameterScoredThree ? LOW_MEDIUM : LOW;
    }

    public boolean atLeast(RiskBand other) {
        return compareTo(other) >= 0;
    }
}
