package io.vitalstorm.core.thresholds;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the strict binding of the thresholds document accepts and refuses beyond ThresholdsJsonTest:
 * no coercion of strings, booleans or arrays into numbers, no fractional score, an explicit null
 * limit refused, a null key the same as an absent one, unknown keys ignored only at the top and in a band.
 */
class ThresholdsStrictBindingTest {

    private static Thresholds parse(String json) {
        return ThresholdsJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"resolveAfterMinutes\":true}|resolveAfterMinutes must be a number >= 0",
            "{\"cooldownMinutes\":\"\"}|cooldownMinutes must be a number >= 0",
            "{\"noDataAfterMinutes\":[5]}|noDataAfterMinutes must be a number >= 0",
            "{\"alertTrigger\":{}}|alertTrigger must be LOW_MEDIUM, MEDIUM or HIGH",
            "{\"validityMinutes\":[]}|validityMinutes must be an object",
            "{\"validityMinutes\":{\"pulse\":\"5\"}}|validityMinutes.pulse is not a setting",
            "{\"trend\":{\"horizonMinutes\":\"60\"}}|trend: horizonMinutes must be a number >= 0",
            "{\"window\":{\"slideSeconds\":false}}|window: slideSeconds must be a number >= 0",
            "{\"scoring\":{\"pulse\":5}}|scoring.pulse is not a chart row",
            "{\"scoring\":{\"heartRate\":null}}|scoring.heartRate must be an array of {upTo, score}",
            "{\"scoring\":{\"heartRate\":[5]}}|scoring.heartRate: each band needs an integer score",
            "{\"scoring\":{\"heartRate\":[null]}}|scoring.heartRate: each band needs an integer score",
            "{\"scoring\":{\"heartRate\":[{\"upTo\":35,\"score\":3.0},{\"score\":0}]}}|scoring.heartRate: each band",
            "{\"scoring\":{\"heartRate\":[{\"upTo\":35,\"score\":\"3\"},{\"score\":0}]}}|scoring.heartRate: each band",
            "{\"scoring\":{\"heartRate\":[{\"upTo\":35,\"score\":3},{\"upTo\":null,\"score\":0}]}}|scoring.heartRate: "
            + "each band needs an integer score and a numeric upTo (except the last)"})
    void aValueOfTheWrongKindIsRefusedNotCoerced(String json, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> parse(json)).withMessageContaining(message);
    }

    @Test
    void nullKeysAreAbsentAndUnknownKeysAreIgnoredAtTheTopAndInABand() {
        assertThat(parse("{\"comment\":\"site A\",\"validityMinutes\":{\"temperature\":null},\"window\":null,"
                + "\"resolveAfterMinutes\":null}")).isEqualTo(Thresholds.DEFAULTS);
        Thresholds t = parse("{\"scoring\":{\"heartRate\":[{\"upTo\":45,\"score\":3,\"note\":\"site\"},"
                + "{\"score\":0}]}}");
        assertThat(t.scoring().heartRate().bands()).hasSize(2);
    }

    @Test
    void aFractionalNews2RiseIsTruncatedAndMinutesMayBeFractional() {
        assertThat(parse("{\"trend\":{\"news2Rise\":3.9}}").trend().news2Rise()).isEqualTo(3);
        assertThat(parse("{\"validityMinutes\":{\"heartRate\":0.5}}").validity().byParameter()
                .get(io.vitalstorm.core.news2.Parameter.HEART_RATE)).isEqualTo(Duration.ofSeconds(30));
    }
}
