package io.vitalstorm.core.thresholds;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoringTables;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Override resolution: patient over ward over global, partial documents merged, bad ones refused. */
class ThresholdsDocumentsTest {

    private static final String TACHY_HEART_RATE =
            "{\"scoring\":{\"heartRate\":[{\"upTo\":40,\"score\":3},{\"upTo\":120,\"score\":0},{\"score\":2}]}}";

    private final ThresholdsDocuments docs = new ThresholdsDocuments();

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void withNoDocumentsEveryoneGetsTheDefaults() {
        ResolvedThresholds r = docs.resolve();
        assertThat(r.forPatient("P1", "Ward-5A")).isEqualTo(Thresholds.DEFAULTS);
        assertThat(r.forPatient(null, null)).isEqualTo(Thresholds.DEFAULTS);
    }

    @Test
    void mostSpecificWinsAndPartialDocumentsMergeOverTheLessSpecific() {
        docs.accept(ThresholdsScope.GLOBAL, json("{\"alertTrigger\":\"MEDIUM\",\"resolveAfterMinutes\":30}"));
        docs.accept(ThresholdsScope.ward("Ward-5A"), json("{\"alertTrigger\":\"HIGH\"}"));
        docs.accept(ThresholdsScope.patient("P-TACHY"), json(TACHY_HEART_RATE));
        ResolvedThresholds r = docs.resolve();

        Thresholds other = r.forPatient("P2", "Ward-9");
        assertThat(other.alertTrigger()).isEqualTo(RiskBand.MEDIUM);
        assertThat(other.resolveAfter()).isEqualTo(Duration.ofMinutes(30));

        Thresholds inWard = r.forPatient("P2", "Ward-5A");
        assertThat(inWard.alertTrigger()).isEqualTo(RiskBand.HIGH);
        assertThat(inWard.resolveAfter()).isEqualTo(Duration.ofMinutes(30)); // inherited from global

        Thresholds tachyInWard = r.forPatient("P-TACHY", "Ward-5A");
        assertThat(tachyInWard.alertTrigger()).isEqualTo(RiskBand.HIGH);     // from the ward
        assertThat(tachyInWard.scoring().heartRate().score(115)).isZero();   // own row
        assertThat(tachyInWard.scoring().respiratoryRate())                  // untouched rows keep the RCP chart
                .isEqualTo(ScoringTables.RCP_2017.respiratoryRate());

        Thresholds tachyAtHome = r.forPatient("P-TACHY", "Home");
        assertThat(tachyAtHome.alertTrigger()).isEqualTo(RiskBand.MEDIUM);   // from global
        assertThat(tachyAtHome.scoring().heartRate().score(115)).isZero();
        assertThat(r.forPatient("P2", "Ward-9").scoring().heartRate().score(115)).isEqualTo(2);
    }

    @Test
    void theSameObjectIsReturnedForEveryTupleOfAPatient() {
        docs.accept(ThresholdsScope.patient("P1"), json("{\"alertTrigger\":\"HIGH\"}"));
        ResolvedThresholds r = docs.resolve();
        assertThat(r.forPatient("P1", "W")).isSameAs(r.forPatient("P1", "W"));
    }

    @Test
    void anInvalidDocumentIsRefusedAndTheLastGoodOneStays() {
        docs.accept(ThresholdsScope.ward("W"), json("{\"alertTrigger\":\"HIGH\"}"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> docs.accept(ThresholdsScope.ward("W"), json("{\"alertTrigger\":\"SOMETIMES\"}")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> docs.accept(ThresholdsScope.ward("W"), json("{\"scoring\":{\"pulse\":[]}}")));
        assertThat(docs.resolve().forPatient("P", "W").alertTrigger()).isEqualTo(RiskBand.HIGH);
    }

    @Test
    void aRemovedOverrideFallsBackToTheLessSpecificDocument() {
        docs.accept(ThresholdsScope.ward("W"), json("{\"alertTrigger\":\"HIGH\"}"));
        assertThat(docs.remove(ThresholdsScope.ward("W"))).isTrue();
        assertThat(docs.resolve().forPatient("P", "W")).isEqualTo(Thresholds.DEFAULTS);
    }

    @Test
    void scopesMapToPathsAndBack() {
        assertThat(ThresholdsScope.fromRelativePath("wards/Ward 5A")).contains(ThresholdsScope.ward("Ward 5A"));
        assertThat(ThresholdsScope.fromRelativePath("patients/P1")).contains(ThresholdsScope.patient("P1"));
        assertThat(ThresholdsScope.fromRelativePath("")).contains(ThresholdsScope.GLOBAL);
        assertThat(ThresholdsScope.fromRelativePath("wards")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> ThresholdsScope.ward("a/b"));
        assertThatIllegalArgumentException().isThrownBy(() -> ThresholdsScope.patient(".."));
    }

    @Test
    void diffListsChangedAddedAndRemovedKeys() {
        assertThat(ThresholdsDiff.between(json("{\"alertTrigger\":\"LOW_MEDIUM\",\"resolveAfterMinutes\":15.0}"),
                json("{\"alertTrigger\":\"HIGH\",\"resolveAfterMinutes\":15,\"scoring\":{\"heartRate\":"
                        + "[{\"score\":1}]}}")))
                .containsExactly("~ alertTrigger: LOW_MEDIUM -> HIGH", "+ scoring.heartRate[0].score: 1");
        assertThat(ThresholdsDiff.between(null, json("{\"alertTrigger\":\"HIGH\"}")))
                .containsExactly("+ alertTrigger: HIGH");
    }
}
