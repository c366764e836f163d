package io.vitalstorm.core.news2;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScoreTableTest {

    @Test
    void shorthandBuildsInclusiveBandsWithAnOpenLastBand() {
        ScoreTable t = ScoreTable.of(1, 10, 2, 20, 0, 1);
        assertThat(t.bands()).containsExactly(
                new ScoreTable.Band(10.0, 2), new ScoreTable.Band(20.0, 0), new ScoreTable.Band(null, 1));
        assertThat(t.score(10)).isEqualTo(2);
        assertThat(t.score(11)).isZero();
        assertThat(t.score(20)).isZero();
        assertThat(t.score(21)).isEqualTo(1);
    }

    @Test
    void refusesScoresOutsideZeroToThree() {
        assertThatIllegalArgumentException().isThrownBy(() -> ScoreTable.of(1, 10, 4, 0))
                .withMessageContaining("0..3").withMessageContaining("4");
        assertThatIllegalArgumentException().isThrownBy(() -> ScoreTable.of(1, 10, -1, 0));
    }

    @Test
    void refusesNonIncreasingLimits() {
        assertThatIllegalArgumentException().isThrownBy(() -> ScoreTable.of(1, 20, 1, 20, 0, 1))
                .withMessageContaining("band limits must increase");
    }

    @Test
    void onlyTheLastBandIsOpenEnded() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ScoreTable(
                        List.of(new ScoreTable.Band(10.0, 1), new ScoreTable.Band(20.0, 0)), 1))
                .withMessageContaining("only the last band is open-ended");
        assertThatIllegalArgumentException().isThrownBy(() -> new ScoreTable(
                        List.of(new ScoreTable.Band(null, 1), new ScoreTable.Band(null, 0)), 1))
                .withMessageContaining("only the last band is open-ended");
    }

    @Test
    void refusesAnEmptyTableAndANonPositiveResolution() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ScoreTable(List.of(), 1));
        assertThatIllegalArgumentException().isThrownBy(() -> ScoreTable.of(0, 10, 1, 0))
                .withMessageContaining("resolution");
    }
}
