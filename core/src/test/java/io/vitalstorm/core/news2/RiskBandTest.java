package io.vitalstorm.core.news2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RiskBandTest {

    @ParameterizedTest(name = "aggregate {0}, red {1} → {2}")
    @CsvSource({
            "0, false, LOW", "4, false, LOW",
            "3, true, LOW_MEDIUM", "4, true, LOW_MEDIUM",
            "5, false, MEDIUM", "5, true, MEDIUM", "6, false, MEDIUM", "6, true, MEDIUM",
            "7, false, HIGH", "7, true, HIGH", "20, true, HIGH"})
    void bandsFollowTheRcpThresholds(int aggregate, boolean red, RiskBand expected) {
        assertThat(RiskBand.of(aggregate, red)).isEqualTo(expected);
    }

    @Test
    void atLeastFollowsClinicalOrder() {
        assertThat(RiskBand.MEDIUM.atLeast(RiskBand.LOW_MEDIUM)).isTrue();
        assertThat(RiskBand.MEDIUM.atLeast(RiskBand.MEDIUM)).isTrue();
        assertThat(RiskBand.MEDIUM.atLeast(RiskBand.HIGH)).isFalse();
        assertThat(RiskBand.LOW.atLeast(RiskBand.LOW_MEDIUM)).isFalse();
    }
}
