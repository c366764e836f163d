package io.vitalstorm.core.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.ScoredObservation;

/**
 * The two renderings of an alert event: full clinical detail for the care team, and a short
 * plain-language message for the patient that carries nothing but their own data.
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
        n.put("state", e.state().name());
        n.put("patientId", e.patientId());
        ObservationJson.putTime(n, e.ts());
        ObservationJson.putScore(n, s.score());
        n.put("reason", e.reason());
        n.set("vitals", ObservationJson.vitals(s.observation()));
        n.put("deviceId", s.observation().deviceId());
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

    public static ObjectNode patient(AlertEvent e) {
        ObjectNode n = Json.object();
        n.put("eventId", e.eventId());
        n.put("alertId", e.alertId());
        n.put("patientId", e.patientId());
        n.put("contact", e.cause().profile().contactChannel());
        ObservationJson.putTime(n, e.ts());
        n.put("state", e.state().name());
        n.put("message", patientText(e));
        return n;
    }

    static String patientText(AlertEvent e) {
        return switch (e.state()) {
            case OPEN -> "Your latest readings show changes that need a closer look. Your care team has been told "
                    + "and will contact you soon. If you feel very unwell, call your emergency number now.";
            case ESCALATED -> "Your readings have changed further. Your care team has been told again and will contact "
                    + "you urgently. If you feel very unwell, call your emergency number now.";
            case RESOLVED -> "Your readings are back within your usual range. Your care team has been updated. "
                    + "Contact them if you feel unwell.";
        };
    }
}
