package io.vitalstorm.core.state;

import io.vitalstorm.core.news2.RiskBand;

/**
 * The verdicts a patient's most recent readings got on their first delivery, as checkpointed
 * (oldest first, one entry per reading): the reading's identity (device, null allowed, and event
 * time) and the verdict (band, NEWS2 total, the NEWS2 and trend reasons, null when the condition
 * did not hold). Checkpoints before format 5 kept none ({@link #NONE}).
 */
public record VerdictState(long[] ts, String[] devices, RiskBand[] bands, int[] news2Totals, String[] news2Reasons,
                           String[] trendReasons) {

    public static final VerdictState NONE = new VerdictState(new long[0], new String[0], new RiskBand[0], new int[0],
            new String[0], new String[0]);

    public int size() {
        return ts.length;
    }
}
