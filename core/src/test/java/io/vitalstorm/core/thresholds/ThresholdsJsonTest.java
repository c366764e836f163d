package io.vitalstorm.core.thresholds;

import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.Parameter;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoreTable;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.testsupport.Obs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.vitalstorm.core.testsupport.JsonSupport.fieldNames;
import static io.vitalstorm.core.testsupport.JsonSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ThresholdsJsonTest {

    /** A site's own heart-rate row: ≤45:3, 46–100:0, ≥101:2. */
    private static final String SITE_HEART_RATE =
            "[{\"upTo\":45,\"score\":3},{\"upTo\":100,\"score\":0},{\"score\":2}]";

    private static Thresholds parse(String json) {
        return ThresholdsJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void defaultsSurviveARoundTrip() {
        byte[] json = ThresholdsJson.toJson(Thresholds.DEFAULTS);
        assertThat(ThresholdsJson.parse(json)).isEqualTo(Thresholds.DEFAULTS);
    }

    /**
     * The exact bytes written (as ZooKeeper and the history hold them), pinned from before the document was written
     * with Jackson from {@link ThresholdsDocument}: key order, 15.0 for minutes, news2Rise as a whole number, the
     * last band without upTo, rows by name.
     */
    @Test
    void theWrittenBytesArePinned() throws IOException {
        assertThat(new String(ThresholdsJson.toJson(Thresholds.DEFAULTS), StandardCharsets.UTF_8))
                .isEqualTo(golden("defaults-as-written.json"));
        Thresholds site = parse("{\"alertTrigger\":\"HIGH\",\"resolveAfterMinutes\":0.5,\"cooldownMinutes\":0,"
                + "\"validityMinutes\":{\"heartRate\":2.25},"
                + "\"window\":{\"sizeSeconds\":120,\"sustainSeconds\":0.25},"
                + "\"trend\":{\"news2Rise\":3.7,\"spo2FallPer10Min\":1.5},"
                + "\"scoring\":{\"heartRate\":[{\"upTo\":45,\"score\":3},{\"upTo\":100.5,\"score\":0},"
                + "{\"score\":2}]}}");
        assertThat(new String(ThresholdsJson.toJson(site), StandardCharsets.UTF_8))
                .isEqualTo(golden("site-as-written.json"));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = ThresholdsJsonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void writtenDocumentNamesEveryChartRow() {
        var root = tree(ThresholdsJson.toJson(Thresholds.DEFAULTS));
        assertThat(root.get("alertTrigger").asText()).isEqualTo("LOW_MEDIUM");
        assertThat(root.get("resolveAfterMinutes").asDouble()).isEqualTo(15.0);
        assertThat(fieldNames(root.get("scoring"))).containsExactlyInAnyOrder("respiratoryRate", "spo2Scale1",
                "spo2Scale2OnAir", "spo2Scale2OnOxygen", "systolicBp", "heartRate", "temperature");
        assertThat(root.get("scoring").get("heartRate").toString()).isEqualTo("[{\"upTo\":40.0,\"score\":3},"
                + "{\"upTo\":50.0,\"score\":1},{\"upTo\":90.0,\"score\":0},{\"upTo\":110.0,\"score\":1},"
                + "{\"upTo\":130.0,\"score\":2},{\"score\":3}]");
    }

    @Test
    void emptyDocumentIsTheDefaults() {
        assertThat(parse("{}")).isEqualTo(Thresholds.DEFAULTS);
    }

    @Test
    void triggerAloneOverridesOnlyTheTrigger() {
        assertThat(parse("{\"alertTrigger\":\"HIGH\"}"))
                .isEqualTo(new Thresholds(RiskBand.HIGH, Duration.ofMinutes(15), ScoringTables.RCP_2017));
    }

    @Test
    void resolveTimeAloneOverridesOnlyTheResolveTime() {
        assertThat(parse("{\"resolveAfterMinutes\":30}"))
                .isEqualTo(new Thresholds(RiskBand.LOW_MEDIUM, Duration.ofMinutes(30), ScoringTables.RCP_2017));
        assertThat(parse("{\"resolveAfterMinutes\":0.5}").resolveAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void oneChartRowOverridesOnlyThatRow() {
        Thresholds t = parse("{\"scoring\":{\"heartRate\":" + SITE_HEART_RATE + "}}");
        ScoringTables rcp = ScoringTables.RCP_2017;

        assertThat(t.alertTrigger()).isEqualTo(RiskBand.LOW_MEDIUM);
        assertThat(t.resolveAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(t.scoring().heartRate()).isEqualTo(ScoreTable.of(1, 45, 3, 100, 0, 2));
        assertThat(t.scoring())
                .isEqualTo(new ScoringTables(rcp.respiratoryRate(), rcp.spo2Scale1(), rcp.spo2Scale2OnAir(),
                rcp.spo2Scale2OnOxygen(), rcp.systolicBp(), ScoreTable.of(1, 45, 3, 100, 0, 2), rcp.temperature()));
    }

    @Test
    void siteRowIsWhatTheScorerUses() {
        News2Scorer site = new News2Scorer(parse("{\"scoring\":{\"heartRate\":" + SITE_HEART_RATE + "}}").scoring());
        assertThat(site.score(Obs.of("P1").hr(45).build(), Spo2Scale.SCALE_1).subscores())
                .containsEntry(Parameter.HEART_RATE, 3);
        assertThat(site.score(Obs.of("P1").hr(100).build(), Spo2Scale.SCALE_1).subscores())
                .containsEntry(Parameter.HEART_RATE, 0);
        assertThat(site.score(Obs.of("P1").hr(101).build(), Spo2Scale.SCALE_1).subscores())
                .containsEntry(Parameter.HEART_RATE, 2);
    }

    @Test
    void temperatureRowKeepsItsTenthOfADegreeResolution() {
        Thresholds t = parse("{\"scoring\":{\"temperature\":[{\"upTo\":35.5,\"score\":3},{\"score\":0}]}}");
        assertThat(t.scoring().temperature().resolution()).isEqualTo(0.1);
        assertThat(t.scoring().temperature().score(35.5)).isEqualTo(3);
        assertThat(t.scoring().temperature().score(35.6)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not json|thresholds are not valid JSON",
            "{\"alertTrigger\":|thresholds are not valid JSON",
            "[]|thresholds must be a JSON object",
            "{\"alertTrigger\":\"LOW\"}|alertTrigger must be LOW_MEDIUM, MEDIUM or HIGH",
            "{\"alertTrigger\":\"PURPLE\"}|alertTrigger must be LOW_MEDIUM, MEDIUM or HIGH",
            "{\"resolveAfterMinutes\":-1}|resolveAfterMinutes must be a number >= 0",
            "{\"resolveAfterMinutes\":\"15\"}|resolveAfterMinutes must be a number >= 0",
            "{\"scoring\":[]}|scoring must be an object of chart rows",
            "{\"scoring\":{\"pulse\":[{\"score\":0}]}}|scoring.pulse is not a chart row",
            "{\"scoring\":{\"heartRate\":{}}}|scoring.heartRate must be an array",
            "{\"scoring\":{\"heartRate\":[{\"upTo\":50,\"score\":1},{\"upTo\":40,\"score\":3},{\"score\":"
            + "0}]}}|scoring.heartRate: band limits must increase: 40.0 after 50.0",
            "{\"scoring\":{\"heartRate\":[{\"upTo\":50,\"score\":1},{\"upTo\":50,\"score\":3},{\"score\":"
            + "0}]}}|scoring.heartRate: band limits must increase: 50.0 after 50.0",
            "{\"scoring\":{\"respiratoryRate\":[{\"upTo\":8,\"score\":4},{\"score\":0}]}}|scoring.respiratoryRate: "
            + "NEWS2 scores are 0..3, got 4",
            "{\"scoring\":{\"systolicBp\":[{\"upTo\":90,\"score\":3},{\"upTo\":219,\"score\":0}]}}|scoring.systolicBp: "
            + "only the last band is open-ended",
            "{\"scoring\":{\"systolicBp\":[{\"score\":3},{\"upTo\":219,\"score\":0},{\"score\":"
            + "3}]}}|scoring.systolicBp: only the last band is open-ended",
            "{\"scoring\":{\"temperature\":[]}}|scoring.temperature: a score table needs at least one band",
            "{\"scoring\":{\"heartRate\":[{\"upTo\":40,\"score\":2.5},{\"score\":0}]}}|scoring.heartRate: each band "
            + "needs an integer score",
            "{\"scoring\":{\"heartRate\":[{\"upTo\":\"40\",\"score\":3},{\"score\":0}]}}|scoring.heartRate: each band "
            + "needs an integer score and a numeric upTo"})
    void invalidDocumentIsRefusedWithAMessageNamingTheProblem(String json, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> parse(json)).withMessageContaining(message);
    }

    /** Pins the window, trend and validity sections (what a move to bound DTOs must keep). */
    @Test
    void oneWindowTrendOrValidityKeyOverridesOnlyThatKey() {
        Thresholds d = Thresholds.DEFAULTS;
        Thresholds w = parse("{\"window\":{\"sustainSeconds\":120}}");
        assertThat(w.window().sustain()).isEqualTo(Duration.ofSeconds(120));
        assertThat(w.window().size()).isEqualTo(d.window().size());
        assertThat(w.window().slide()).isEqualTo(d.window().slide());
        assertThat(w.trend()).isEqualTo(d.trend());
        Thresholds t = parse("{\"trend\":{\"news2Rise\":3}}");
        assertThat(t.trend().news2Rise()).isEqualTo(3);
        assertThat(t.trend().horizon()).isEqualTo(d.trend().horizon());
        assertThat(t.trend().spo2FallPer10Min()).isEqualTo(d.trend().spo2FallPer10Min());
        Thresholds v = parse("{\"validityMinutes\":{\"heartRate\":2}}");
        assertThat(v.validity().millis(Parameter.HEART_RATE)).isEqualTo(120_000);
        assertThat(v.validity().millis(Parameter.SYSTOLIC_BP)).isEqualTo(d.validity().millis(Parameter.SYSTOLIC_BP));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"window\":[]}|window must be an object",
            "{\"window\":{\"size\":300}}|window.size is not a setting; known: [sizeSeconds, slideSeconds",
            "{\"window\":{\"sizeSeconds\":-1}}|window: sizeSeconds must be a number >= 0",
            "{\"window\":{\"sizeSeconds\":300,\"slideSeconds\":70}}|window: slide must be at least 1 s and divide",
            "{\"trend\":{\"news2Rise\":\"2\"}}|trend: trend.news2Rise must be a number >= 0",
            "{\"trend\":{\"news2Rise\":0}}|trend: horizon must be positive and news2Rise >= 1",
            "{\"trend\":{\"rise\":2}}|trend.rise is not a setting",
            "{\"validityMinutes\":{\"pulse\":5}}|validityMinutes.pulse is not a setting",
            "{\"validityMinutes\":{\"heartRate\":-5}}|validityMinutes.heartRate must be a number >= 0",
            "{\"escalateAfterMinutes\":\"x\"}|escalateAfterMinutes must be a number >= 0",
            // a value of the wrong kind is refused, not coerced (strict binding)
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
    void anInvalidSectionIsRefusedWithAMessageNamingTheKey(String json, String message) {
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
        assertThat(parse("{\"validityMinutes\":{\"heartRate\":0.5}}").validity().millis(Parameter.HEART_RATE))
                .isEqualTo(30_000);
    }
}
