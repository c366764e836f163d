package io.vitalstorm.core.state;

import io.vitalstorm.core.news2.RiskBand;

/**
 * A patient's risk state as checkpointed, whatever format it was read from: the window settings
 * it was built for (ms), its parts, the sustained runs, the last findings (reasons null when none) and the
 * verdicts of the most recent readings ({@link VerdictState#NONE} from formats before 5).
 */
public record RiskState(long windowSizeMillis, long slideMillis, long allowedLatenessMillis, long sustainMillis,
                        VitalsState latest, WindowState window, TrendState trend, int news2Run, int slopeRun,
                        RiskBand news2Band, int news2Total, String news2Reason, String trendReason,
                        VerdictState verdicts) {
}
