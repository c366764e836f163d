package io.vitalstorm.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.testsupport.AlertScenario;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.testsupport.Profiles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vitalstorm.core.news2.RiskBand.HIGH;
import static io.vitalstorm.core.news2.RiskBand.LOW;
import static io.vitalstorm.core.news2.RiskBand.MEDIUM;
import static io.vitalstorm.core.testsupport.JsonSupport.fieldNames;
import static io.vitalstorm.core.testsupport.JsonSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

class AlertMessagesTest {

    private static final List<String> PATIENT_FIELDS =
            List.of("eventId", "alertId", "patientId", "contact", "ts", "time", "about", "state", "message");

    private final AlertScenario ward = AlertScenario.withDefaults();

    private AlertEvent event(Obs obs) {
        return ward.feed(obs, Profiles.scale2(obs.build().patientId()))
                .orElseThrow(() -> new AssertionError("expected an alert event"));
    }

    /** The message as a consumer reads it back (numbers typed as JSON text, not as written). */
    private static JsonNode asSent(JsonNode message) {
        return tree(Json.string(message));
    }

    /** P1 opens HIGH: RR 25 →3, SpO2 97 on air (scale 2) →0, air →0, SBP 120 →0, HR 131 →3, A →0, 39.1 °C →2. */
    private AlertEvent p1OpensHigh() {
        return event(Obs.inBand("P1", HIGH).device("wrist-7"));
    }

    @Test
    void clinicianMessageCarriesScoreVitalsAndCareTeam() {
        AlertEvent e = p1OpensHigh();
        JsonNode n = asSent(AlertMessages.clinician(e));

        assertThat(n.get("eventId").asText()).isEqualTo(e.eventId());
        assertThat(n.get("alertId").asText()).isEqualTo(e.alertId());
        assertThat(n.get("condition").asText()).isEqualTo("NEWS2");
        assertThat(n.get("state").asText()).isEqualTo("OPEN");
        assertThat(n.get("patientId").asText()).isEqualTo("P1");
        assertThat(n.get("ts").asLong()).isEqualTo(Obs.T0);
        assertThat(n.get("time").asText()).isEqualTo("2024-03-01T08:00:00Z");
        assertThat(n.get("news2").asInt()).isEqualTo(8);
        assertThat(n.get("band").asText()).isEqualTo("HIGH");
        JsonNode reading = n.get("reading");
        assertThat(reading.get("subscores")).isEqualTo(tree("{\"respiratoryRate\":3,\"spo2\":0,\"airOrOxygen\":0,"
                + "\"systolicBp\":0,\"heartRate\":3,\"consciousness\":0,\"temperature\":2}"));
        assertThat(reading.get("incomplete").asBoolean()).isFalse();
        assertThat(reading.get("missing")).isEmpty();
        assertThat(reading.get("carried")).isEmpty();
        assertThat(n.get("reason").asText()).isEqualTo("spot check NEWS2 8 (HIGH)");
        assertThat(reading.get("vitals")).isEqualTo(tree("{\"heartRate\":131,\"respiratoryRate\":25,\"spo2\":97,"
                + "\"systolicBp\":120,\"temperature\":39.1,\"consciousness\":\"A\",\"onOxygen\":false}"));
        assertThat(reading.get("deviceId").asText()).isEqualTo("wrist-7");
        assertThat(n.get("knownPatient").asBoolean()).isTrue();
        assertThat(n.get("patient")).isEqualTo(tree("{\"name\":\"Name-P1\",\"age\":67,\"ward\":\"Ward-P1\","
                + "\"careTeam\":\"Team-P1\",\"responsibleDoctor\":\"Dr-P1\",\"spo2Scale\":2}"));
    }

    @Test
    void clinicianMessageOfAnIncompleteObservationListsWhatIsMissing() {
        JsonNode n = asSent(AlertMessages.clinician(event(Obs.of("P1").hr(131)))).get("reading");

        assertThat(n.get("news2").asInt()).isEqualTo(3);
        assertThat(n.get("band").asText()).isEqualTo("LOW_MEDIUM");
        assertThat(n.get("subscores")).isEqualTo(tree("{\"heartRate\":3}"));
        assertThat(n.get("incomplete").asBoolean()).isTrue();
        assertThat(n.get("missing")).isEqualTo(tree("[\"respiratoryRate\",\"spo2\",\"airOrOxygen\",\"systolicBp\","
                + "\"consciousness\",\"temperature\"]"));
        assertThat(n.get("vitals")).isEqualTo(tree("{\"heartRate\":131}"));
    }

    @Test
    void patientMessageHasExactlyItsEightFields() {
        AlertEvent e = p1OpensHigh();
        JsonNode n = asSent(AlertMessages.patient(e).orElseThrow());

        assertThat(fieldNames(n)).containsExactlyElementsOf(PATIENT_FIELDS);
        assertThat(n.get("eventId").asText()).isEqualTo(e.eventId());
        assertThat(n.get("alertId").asText()).isEqualTo(e.alertId());
        assertThat(n.get("patientId").asText()).isEqualTo("P1");
        assertThat(n.get("contact").asText()).isEqualTo("sms:+44-P1");
        assertThat(n.get("ts").asLong()).isEqualTo(Obs.T0);
        assertThat(n.get("time").asText()).isEqualTo("2024-03-01T08:00:00Z");
        assertThat(n.get("about").asText()).isEqualTo("readings");
        assertThat(n.get("state").asText()).isEqualTo("OPEN");
        assertThat(n.get("message").asText()).startsWith("Your latest readings show changes that need a closer look.");
    }

    @Test
    void everyStateHasItsOwnPlainLanguageMessage() {
        AlertEvent opened = event(Obs.inBand("P1", MEDIUM).atMinute(0));
        JsonNode open = AlertMessages.patient(opened).orElseThrow();
        JsonNode escalated = AlertMessages.patient(event(Obs.inBand("P1", HIGH).atMinute(5))).orElseThrow();
        JsonNode acknowledged = AlertMessages.patient(ward.ack("P1", opened.alertId(), "Dr Osei", 6).event())
                .orElseThrow();
        ward.feed(Obs.inBand("P1", LOW).atMinute(10), Profiles.scale2("P1"));
        JsonNode resolved = AlertMessages.patient(event(Obs.inBand("P1", LOW).atMinute(25))).orElseThrow();

        assertThat(acknowledged.get("state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.get("message").asText()).startsWith("A member of your care team has seen");
        assertThat(List.of(open, escalated, acknowledged, resolved))
                .allSatisfy(n -> assertThat(fieldNames(n)).containsExactlyElementsOf(PATIENT_FIELDS));
        assertThat(open.get("state").asText()).isEqualTo("OPEN");
        assertThat(escalated.get("state").asText()).isEqualTo("ESCALATED");
        assertThat(resolved.get("state").asText()).isEqualTo("RESOLVED");
        assertThat(escalated.get("message").asText()).startsWith("Your care team has been told again");
        assertThat(resolved.get("message").asText()).startsWith("Your readings are back within your usual range.");
    }

    @Test
    void patientMessageCarriesNoClinicalDetailAndNothingOfAnotherPatient() {
        AlertEvent p2 = event(Obs.inBand("P2", HIGH));
        AlertEvent p1 = p1OpensHigh();
        String p1Message = Json.string(AlertMessages.patient(p1).orElseThrow());

        assertThat(AlertMessages.clinician(p2).toString()).contains("Name-P2", "Ward-P2", "Dr-P2");
        assertThat(p1Message).doesNotContain("P2", p2.alertId(), p2.eventId(),
                Profiles.name("P2"), Profiles.ward("P2"), Profiles.team("P2"), Profiles.doctor("P2"),
                Profiles.contact("P2"));
        assertThat(p1Message).doesNotContain(Profiles.name("P1"), Profiles.ward("P1"), Profiles.team("P1"),
                Profiles.doctor("P1"), "news2", "NEWS2", "band", "HIGH", "subscores", "131", "39.1", "wrist-7");
    }

    @Test
    void trendsAndInternalStepsOfSilenceAreNotSentToThePatient() {
        AlertEvent open = p1OpensHigh();
        AlertEvent trend = new AlertEvent("e", "a", AlertCondition.DETERIORATING, AlertState.OPEN, HIGH, 8, "rise",
                Obs.T0, null, open.cause());
        AlertEvent silentEscalation = new AlertEvent("e", "a", AlertCondition.NO_DATA, AlertState.ESCALATED, LOW, 0,
                "late", Obs.T0, null, open.cause());
        AlertEvent silent = new AlertEvent("e", "a", AlertCondition.NO_DATA, AlertState.OPEN, LOW, 0, "quiet",
                Obs.T0, null, open.cause());

        assertThat(AlertMessages.patient(trend)).isEmpty();
        assertThat(AlertMessages.patient(silentEscalation)).isEmpty();
        JsonNode device = AlertMessages.patient(silent).orElseThrow();
        assertThat(device.get("about").asText()).isEqualTo("device");
        assertThat(device.get("message").asText()).startsWith("We have not received readings");
    }
}
