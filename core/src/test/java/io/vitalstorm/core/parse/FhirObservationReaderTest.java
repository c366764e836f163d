package io.vitalstorm.core.parse;

import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.testsupport.Parsing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** HL7 FHIR R4 vital-sign Observations and Bundles, through the same parser entry point as native records. */
class FhirObservationReaderTest {

    private static final String WHEN = "2026-11-01T08:00:00+01:00";
    private static final long WHEN_MILLIS = Instant.parse("2026-11-01T07:00:00Z").toEpochMilli();

    private static String quantity(double value, String ucum) {
        return "{\"value\":" + value + ",\"unit\":\"" + ucum + "\",\"system\":\"http://unitsofmeasure.org\",\"code\":\""
                + ucum + "\"}";
    }

    private static String code(String loinc) {
        return "{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc + "\"}]}";
    }

    private static String observation(String patient, String body) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/" + patient
                + "\"},\"effectiveDateTime\":\"" + WHEN + "\"," + body + "}";
    }

    private static String single(String patient, String loinc, double value, String ucum) {
        return observation(patient, "\"code\":" + code(loinc) + ",\"valueQuantity\":" + quantity(value, ucum));
    }

    private static String component(String loinc, double value, String ucum) {
        return "{\"code\":" + code(loinc) + ",\"valueQuantity\":" + quantity(value, ucum) + "}";
    }

    private static String bundle(String... resources) {
        List<String> entries = new ArrayList<>();
        for (String r : resources) {
            entries.add("{\"resource\":" + r + "}");
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
        "8867-4,  112, /min,         heartRate",
        "8867-4,  112, {beats}/min,  heartRate",
        "9279-1,  26,  /min,         respiratoryRate",
        "59408-5, 93,  %,            spo2",
        "2708-6,  93,  %,            spo2",
        "8480-6,  98,  mm[Hg],       systolicBp",
        "8310-5,  38.4, Cel,         temperature",
    })
    void singleVitalsByLoincCode(String loinc, double value, String ucum, String field) {
        Observation o = Parsing.valid(single("P7", loinc, value, ucum));
        assertThat(o.patientId()).isEqualTo("P7");
        assertThat(o.ts()).isEqualTo(WHEN_MILLIS);
        Double read = switch (field) {
            case "heartRate" -> o.heartRate();
            case "respiratoryRate" -> o.respiratoryRate();
            case "spo2" -> o.spo2();
            case "systolicBp" -> o.systolicBp();
            default -> o.temperature();
        };
        assertThat(read).isEqualTo(value);
    }

    @Test
    void fahrenheitIsConvertedToCelsius() {
        assertThat(Parsing.valid(single("P7", "8310-5", 101.3, "[degF]")).temperature())
                .isCloseTo(38.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void vitalSignsPanelComponentsFillOneObservationAndDiastolicIsIgnored() {
        String panel = observation("P8", "\"code\":" + code("85353-1") + ",\"component\":["
                + component("8867-4", 118, "/min") + "," + component("9279-1", 25, "/min") + ","
                + component("59408-5", 93, "%") + "," + component("8480-6", 98, "mm[Hg]") + ","
                + component("8462-4", 60, "mm[Hg]") + "," + component("3151-8", 2, "L/min") + "]");
        Observation o = Parsing.valid(panel);
        assertThat(o.heartRate()).isEqualTo(118.0);
        assertThat(o.respiratoryRate()).isEqualTo(25.0);
        assertThat(o.spo2()).isEqualTo(93.0);
        assertThat(o.systolicBp()).isEqualTo(98.0);
        assertThat(o.onOxygen()).isTrue();
        assertThat(o.temperature()).isNull();
    }

    @Test
    void bloodPressurePanelGivesTheSystolic() {
        String bp = observation("P9", "\"code\":" + code("85354-9") + ",\"component\":["
                + component("8480-6", 142, "mm[Hg]") + "," + component("8462-4", 88, "mm[Hg]") + "]");
        assertThat(Parsing.valid(bp).systolicBp()).isEqualTo(142.0);
    }

    @Test
    void unknownCodesBadUnitsAndUnreadableResourcesAreRefusedWithAReason() {
        assertThat(Parsing.rejected(single("P7", "29463-7", 80, "kg")).code()).isEqualTo(Rejection.Code.UNKNOWN_CODE);
        Rejection badUnit = Parsing.rejected(single("P7", "8867-4", 2, "Hz"));
        assertThat(badUnit.code()).isEqualTo(Rejection.Code.BAD_UNIT);
        assertThat(badUnit.message()).contains("heartRate unit 'Hz'");
        assertThat(Parsing.rejected(single("P7", "8867-4", 400, "/min")).code()).isEqualTo(Rejection.Code.OUT_OF_RANGE);
        assertThat(Parsing.rejected("{\"resourceType\":\"Patient\",\"id\":\"P7\"}").code())
                .isEqualTo(Rejection.Code.UNKNOWN_CODE);
        assertThat(Parsing.rejected(single("P7", "8867-4", 80, "/min").replace("Patient/P7", "Group/G1")).code())
                .isEqualTo(Rejection.Code.MISSING_FIELD);
        assertThat(Parsing.rejected(single("P7", "8867-4", 80, "/min").replace(WHEN, "2026-11-01")).code())
                .isEqualTo(Rejection.Code.INVALID_VALUE);
        assertThat(Parsing.rejected(single("P7", "8867-4", 80, "/min")
                .replace("\"final\"", "\"entered-in-error\"")).code())
                .isEqualTo(Rejection.Code.INVALID_VALUE);
    }

    /** Patient (and Device) entries are the context of a gateway's transaction Bundle, not refused entries. */
    @Test
    void aBundleKeepsItsGoodEntriesAndNamesTheBadOnes() {
        ParseResult result = Parsing.parse(bundle(single("A1", "8867-4", 80, "/min"), single("A2", "8867-4", 80, "kg"),
                single("A3", "59408-5", 90, "%"), "{\"resourceType\":\"Condition\"}",
                "{\"resourceType\":\"Patient\"}"));
        assertThat(result).isInstanceOf(ParseResult.Batch.class);
        assertThat(result.observations()).extracting(Observation::patientId).containsExactly("A1", "A3");
        assertThat(result.rejections()).extracting(Rejection::message)
                .containsExactly("entry 1: heartRate unit 'kg' is not one of [/min, {beats}/min, {beat}/min] (UCUM)",
                        "entry 3: resourceType 'Condition' is not an Observation");
    }

    @Test
    void aBundleWithOnlyBadEntriesIsInvalidAndAnEmptyOneHasNoVitals() {
        assertThat(Parsing.parse(bundle(single("A2", "8867-4", 80, "kg")))).isInstanceOf(ParseResult.Invalid.class);
        assertThat(Parsing.rejected("{\"resourceType\":\"Bundle\",\"entry\":[]}").code())
                .isEqualTo(Rejection.Code.NO_VITALS);
    }

    @Test
    void bundlesMayBeLargerThanASingleNativeRecord() {
        String[] many = new String[60];
        for (int i = 0; i < many.length; i++) {
            many[i] = single("B" + i, "8867-4", 70 + i % 20, "/min");
        }
        String big = bundle(many);
        assertThat(big.length()).isGreaterThan(ObservationParser.MAX_RECORD_BYTES);
        assertThat(Parsing.parse(big).observations()).hasSize(60);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"Group/Patient/P7", "XPatient/P7", "http://other.example/fhir/Patient/P7",
            "patient/P7", "Patient/", "Patient/P7/_history/2"})
    void aLiteralSubjectMustBeExactlyPatientSlashId(String reference) {
        Rejection r = Parsing.rejected(single("P7", "8867-4", 80, "/min").replace("Patient/P7", reference));
        assertThat(r.message()).containsAnyOf("subject.reference must be exactly \"Patient/<id>\"", "is not 1-64 of");
    }

    @Test
    void codesAreMatchedExactlyAsSent() {
        assertThat(Parsing.rejected(single("P7", " 8867-4", 80, "/min")).code()).isEqualTo(Rejection.Code.UNKNOWN_CODE);
        assertThat(Parsing.rejected(single("P7", "8867-4", 80, "/min")
                .replace("http://loinc.org", "http://LOINC.org")).code())
                .isEqualTo(Rejection.Code.UNKNOWN_CODE);
    }
}
