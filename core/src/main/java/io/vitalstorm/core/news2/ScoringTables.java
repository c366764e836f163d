package io.vitalstorm.core.news2;

/**
 * The NEWS2 chart as score tables. {@link #RCP_2017} is the Royal College of Physicians
 * 2017 chart; a site that deviates supplies its own tables through the thresholds znode.
 */
public record ScoringTables(
        ScoreTable respiratoryRate,
        ScoreTable spo2Scale1,
        ScoreTable spo2Scale2OnAir,
        ScoreTable spo2Scale2OnOxygen,
        ScoreTable systolicBp,
        ScoreTable heartRate,
        ScoreTable temperature) {

    public static final ScoringTables RCP_2017 = new ScoringTables(
            // ≤8:3  9–11:1  12–20:0  21–24:2  ≥25:3
            ScoreTable.of(1, 8, 3, 11, 1, 20, 0, 24, 2, 3),
            // ≤91:3  92–93:2  94–95:1  ≥96:0
            ScoreTable.of(1, 91, 3, 93, 2, 95, 1, 0),
            // ≤83:3  84–85:2  86–87:1  ≥88 on air:0
            ScoreTable.of(1, 83, 3, 85, 2, 87, 1, 0),
            // as on air up to 92, then 93–94:1  95–96:2  ≥97:3 on oxygen
            ScoreTable.of(1, 83, 3, 85, 2, 87, 1, 92, 0, 94, 1, 96, 2, 3),
            // ≤90:3  91–100:2  101–110:1  111–219:0  ≥220:3
            ScoreTable.of(1, 90, 3, 100, 2, 110, 1, 219, 0, 3),
            // ≤40:3  41–50:1  51–90:0  91–110:1  111–130:2  ≥131:3
            ScoreTable.of(1, 40, 3, 50, 1, 90, 0, 110, 1, 130, 2, 3),
            // ≤35.0:3  35.1–36.0:1  36.1–38.0:0  38.1–39.0:1  ≥39.1:2
            ScoreTable.of(0.1, 35.0, 3, 36.0, 1, 38.0, 0, 39.0, 1, 2));
}
