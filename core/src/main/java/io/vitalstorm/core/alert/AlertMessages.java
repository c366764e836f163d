package io.vitalstorm.core.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.AlertCondition;

import java.util.Optional;

/**
 * The two renderings of an alert event: full clinical detail for the care team, and a short
 * plain-language message for the patient that carries nothing but their own data — sent only
 * where it helps the patient (see {@link #patient}).
 */
public final class AlertMessages {

    private AlertMessages() {
    }

    public static ObjectNode clinician(AlertEvent e) {
        ScoredObservation s = e.cause();
        PatientProfile p = s.profile();
        ObjectNode n = Json.object();
        n.put("eventId", e.eventId());
        n.put("alertId", e.alertId());
        n.put("condition", e.condition().name());
        n.put("state", e.state().name());
        n.put("patientId", e.patientId());
        ObservationJson.putTime(n, e.ts());
        // the assessed band and score (window or spot check); the reading's own chart follows under "reading"
        n.put("news2", e.news2());
        n.put("band", e.band().name());
        n.put("reason", e.reason());
        if (e.actor() != null) {
            n.put("acknowledgedBy", e.actor());
        }
        ObjectNode reading = n.putObject("reading");
        ObservationJson.putTime(reading, s.ts());
        ObservationJson.putScore(reading, s.score());
        reading.set("vitals", ObservationJson.vitals(s.observation()));
        reading.put("deviceId", s.observation().deviceId());
        n.put("knownPatient", s.enriched().knownPatient());
        ObjectNode patient = n.putObject("patient");
        patient.put("name", p.displayName());
        if (p.age() != null) {
            patient.put("age", p.age());
        }
        patient.put("ward", p.ward());
        patient.put("careTeam", p.careTeam());
        patient.put("responsibleDoctor", p.responsibleDoctor());
        patient.put("spo2Scale", p.spo2Scale().number());
        return n;
    }

    /** The patient's message, or empty where telling the patient would not help them (trends, internal escalations). */
    public static Optional<ObjectNode> patient(AlertEvent e) {
        return patientText(e).map(text -> {
            ObjectNode n = Json.object();
            n.put("eventId", e.eventId());
            n.put("alertId", e.alertId());
            n.put("patientId", e.patientId());
            n.put("contact", e.cause().profile().contactChannel());
            ObservationJson.putTime(n, e.ts());
            // what the message is about in the patient's terms, not the clinical condition
            n.put("about", e.condition() == AlertCondition.NO_DATA ? "device" : "readings");
            n.put("state", e.state().name());
            n.put("message", text);
            return n;
        });
    }

    static Optional<String> patientText(AlertEvent e) {
        return switch (e.condition()) {
            case NEWS2 -> Optional.of(switch (e.state()) {
                case OPEN -> "Your latest readings show changes that need a closer look. Your care team has been told "
                        + "and will contact you soon. If you feel very unwell, call your emergency number now.";
                case ESCALATED -> "Your care team has been told again about your readings and will contact you "
                        + "urgently. If you feel very unwell, call your emergency number now.";
                case ACKNOWLEDGED -> "A member of your care team has seen your readings and is dealing with it.";
                case RESOLVED -> "Your readings are back within your usual range. Your care team has been updated. "
                        + "Contact them if you feel unwell.";
            });
            // a trend is for clinicians to judge first; telling the patient early would only worry them
            case DETERIORATING -> Optional.empty();
            case NO_DATA -> switch (e.state()) {
                case OPEN -> Optional.of("We have not received readings from your device for a while. Please check "
                        + "that it is worn, switched on and charged.");
                case RESOLVED -> Optional.of("Readings from your device are arriving again. Thank you.");
                default -> Optional.empty();
            };
        };
    }
}
