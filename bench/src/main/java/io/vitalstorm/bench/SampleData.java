package io.vitalstorm.bench;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.news2.ScoringTables;

import java.nio.charset.StandardCharsets;

/** Representative inputs: what a wrist band and a nurse's full set of observations look like. */
final class SampleData {

    static final long TS = 1_795_000_000_000L;

    /** A wrist band reading (HR, SpO2, RR), the bulk of the traffic. */
    static final byte[] WRIST_BAND_JSON = ("{\"patientId\":\"P000123\",\"deviceId\":\"band-123\",\"ts\":" + TS
            + ",\"heartRate\":84,\"spo2\":96,\"respiratoryRate\":17}").getBytes(StandardCharsets.UTF_8);

    /** All seven parameters, ISO time. */
    static final byte[] FULL_SET_JSON =
            ("{\"patientId\":\"P000123\",\"deviceId\":\"nurse-7\",\"ts\":\"2026-11-22T08:15:00Z\","
            + "\"heartRate\":112,\"respiratoryRate\":24,\"spo2\":93,\"systolicBp\":98,\"temperature\":38.4,"
            + "\"consciousness\":\"A\",\"onOxygen\":false}").getBytes(StandardCharsets.UTF_8);

    static final byte[] FHIR_PANEL_JSON = ("{\"resourceType\":\"Observation\",\"status\":\"final\","
            + "\"subject\":{\"reference\":\"Patient/P000123\"},\"effectiveDateTime\":\"2026-11-22T08:15:00Z\","
            + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85353-1\"}]},\"component\":["
            + component("8867-4", 112, "/min") + "," + component("9279-1", 24, "/min") + ","
            + component("59408-5", 93, "%") + "," + component("8480-6", 98, "mm[Hg]") + ","
            + component("8310-5", 38.4, "Cel") + "]}").getBytes(StandardCharsets.UTF_8);

    static final Observation FULL_SET = new Observation("P000123", "nurse-7", TS, 112.0, 24.0, 93.0, 98.0, 38.4,
            Consciousness.ALERT, false);

    static final PatientProfile PROFILE = new PatientProfile("P000123", "Patient 123", 71, "Ward-5A", "Team A",
            "Dr Osei", Spo2Scale.SCALE_1, "sms:+441110001");

    static final ScoredObservation SCORED =
            new News2Scorer(ScoringTables.RCP_2017).score(new EnrichedObservation(FULL_SET, PROFILE, true));

    private SampleData() {
    }

    private static String component(String loinc, double value, String ucum) {
        return "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc + "\"}]},"
                + "\"valueQuantity\":{\"value\":" + value + ",\"system\":\"http://unitsofmeasure.org\",\"code\":\""
                + ucum + "\"}}";
    }
}
