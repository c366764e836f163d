package io.vitalstorm.core.news2;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.testsupport.Obs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.vitalstorm.core.news2.Parameter.AIR_OR_OXYGEN;
import static io.vitalstorm.core.news2.Parameter.CONSCIOUSNESS;
import static io.vitalstorm.core.news2.Parameter.HEART_RATE;
import static io.vitalstorm.core.news2.Parameter.RESPIRATORY_RATE;
import static io.vitalstorm.core.news2.Parameter.SPO2;
import static io.vitalstorm.core.news2.Parameter.SYSTOLIC_BP;
import static io.vitalstorm.core.news2.Parameter.TEMPERATURE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every band edge of the Royal College of Physicians NEWS2 chart (2017), both sides, taken
 * from the chart itself. Each parameter is scored alone so the subscore is the whole score.
 */
class News2ChartBoundaryTest {

    private static void assertAlone(Parameter p, double value, int expected) {
        News2Score score = Obs.of("P1").set(p, value).score();
        assertThat(score.subscores()).isEqualTo(Map.of(p, expected));
        assertThat(score.total()).isEqualTo(expected);
    }

    private static int spo2Subscore(Obs obs, Spo2Scale scale) {
        return obs.score(scale).subscores().get(SPO2);
    }

    @ParameterizedTest(name = "RR {0}/min scores {1}")
    @CsvSource({"1,3", "8,3", "9,1", "11,1", "12,0", "20,0", "21,2", "24,2", "25,3", "80,3"})
    void respirationRate(double value, int expected) {
        assertAlone(RESPIRATORY_RATE, value, expected);
    }

    @ParameterizedTest(name = "scale 1 SpO2 {0}% scores {1}")
    @CsvSource({"50,3", "91,3", "92,2", "93,2", "94,1", "95,1", "96,0", "100,0"})
    void spo2Scale1(double value, int expected) {
        assertAlone(SPO2, value, expected);
    }

    @ParameterizedTest(name = "scale 1 SpO2 {0}% on oxygen still scores {1}")
    @CsvSource({"91,3", "92,2", "95,1", "96,0", "100,0"})
    void spo2Scale1IgnoresOxygenForTheSaturationRow(double value, int expected) {
        assertThat(spo2Subscore(Obs.of("P1").spo2(value).oxygen(), Spo2Scale.SCALE_1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "scale 2 SpO2 {0}% on air scores {1}")
    @CsvSource({"50,3", "83,3", "84,2", "85,2", "86,1", "87,1", "88,0", "92,0", "93,0", "94,0", "96,0",
            "97,0", "100,0"})
    void spo2Scale2OnAir(double value, int expected) {
        assertThat(spo2Subscore(Obs.of("P1").spo2(value).air(), Spo2Scale.SCALE_2)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "scale 2 SpO2 {0}% on oxygen scores {1}")
    @CsvSource({"50,3", "83,3", "84,2", "85,2", "86,1", "87,1", "88,0", "92,0", "93,1", "94,1", "95,2", "96,2",
            "97,3", "100,3"})
    void spo2Scale2OnOxygen(double value, int expected) {
        assertThat(spo2Subscore(Obs.of("P1").spo2(value).oxygen(), Spo2Scale.SCALE_2)).isEqualTo(expected);
    }

    @Test
    void airScoresZeroAndSupplementalOxygenScoresTwo() {
        assertThat(Obs.of("P1").air().score().subscores()).isEqualTo(Map.of(AIR_OR_OXYGEN, 0));
        assertThat(Obs.of("P1").oxygen().score().subscores()).isEqualTo(Map.of(AIR_OR_OXYGEN, 2));
        assertThat(Obs.of("P1").oxygen().score().total()).isEqualTo(2);
    }

    @ParameterizedTest(name = "systolic {0} mmHg scores {1}")
    @CsvSource({"40,3", "90,3", "91,2", "100,2", "101,1", "110,1", "111,0", "219,0", "220,3", "300,3"})
    void systolicBloodPressure(double value, int expected) {
        assertAlone(SYSTOLIC_BP, value, expected);
    }

    @ParameterizedTest(name = "pulse {0}/min scores {1}")
    @CsvSource({"20,3", "40,3", "41,1", "50,1", "51,0", "90,0", "91,1", "110,1", "111,2", "130,2", "131,3", "300,3"})
    void pulse(double value, int expected) {
        assertAlone(HEART_RATE, value, expected);
    }

    @ParameterizedTest(name = "temperature {0} °C scores {1}")
    @CsvSource({"25.0,3", "35.0,3", "35.1,1", "36.0,1", "36.1,0", "38.0,0", "38.1,1", "39.0,1", "39.1,2", "45.0,2"})
    void temperature(double value, int expected) {
        assertAlone(TEMPERATURE, value, expected);
    }

    @ParameterizedTest(name = "consciousness {0} scores {1}")
    @CsvSource({"ALERT,0", "NEW_CONFUSION,3", "VOICE,3", "PAIN,3", "UNRESPONSIVE,3"})
    void consciousness(Consciousness level, int expected) {
        News2Score score = Obs.of("P1").acvpu(level).score();
        assertThat(score.subscores()).isEqualTo(Map.of(CONSCIOUSNESS, expected));
    }

    /** Values are charted at the chart's resolution first, rounding half up, as a nurse would. */
    @ParameterizedTest(name = "{0} {1} is charted as {3} and scores {2}")
    @CsvSource({
            "RESPIRATORY_RATE, 20.4, 0, 20",
            "RESPIRATORY_RATE, 20.5, 2, 21",
            "RESPIRATORY_RATE, 8.4, 3, 8",
            "RESPIRATORY_RATE, 8.5, 1, 9",
            "SPO2, 91.4, 3, 91",
            "SPO2, 91.5, 2, 92",
            "SPO2, 95.5, 0, 96",
            "SYSTOLIC_BP, 90.4, 3, 90",
            "SYSTOLIC_BP, 90.5, 2, 91",
            "SYSTOLIC_BP, 219.4, 0, 219",
            "SYSTOLIC_BP, 219.5, 3, 220",
            "HEART_RATE, 40.4, 3, 40",
            "HEART_RATE, 40.5, 1, 41",
            "HEART_RATE, 130.4, 2, 130",
            "HEART_RATE, 130.5, 3, 131",
            "TEMPERATURE, 35.04, 3, 35.0",
            "TEMPERATURE, 35.05, 1, 35.1",
            "TEMPERATURE, 36.04, 1, 36.0",
            "TEMPERATURE, 36.05, 0, 36.1",
            "TEMPERATURE, 38.04, 0, 38.0",
            "TEMPERATURE, 38.05, 1, 38.1",
            "TEMPERATURE, 39.04, 1, 39.0",
            "TEMPERATURE, 39.05, 2, 39.1",
    })
    void roundsToChartResolution(Parameter p, double value, int expected, String chartedAs) {
        assertAlone(p, value, expected);
    }

    @Test
    void scale2RoundsBeforeTheOxygenEdge() {
        assertThat(spo2Subscore(Obs.of("P1").spo2(92.4).oxygen(), Spo2Scale.SCALE_2)).isZero();
        assertThat(spo2Subscore(Obs.of("P1").spo2(92.5).oxygen(), Spo2Scale.SCALE_2)).isEqualTo(1);
    }
}
