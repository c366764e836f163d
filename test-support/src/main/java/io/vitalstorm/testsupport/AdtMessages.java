package io.vitalstorm.testsupport;

import java.nio.charset.StandardCharsets;

/** HL7 v2 ADT messages and FHIR Encounters as a hospital's interface engine sends them, for tests. */
public final class AdtMessages {

    private AdtMessages() {
    }

    /** {@code trigger} A01/A02/A03/A08; {@code when} as HL7 TS, e.g. 202610010812+0000. */
    public static byte[] hl7(String trigger, String controlId, String patientId, String mrn, String ward,
            String service,
                             String when) {
        String structure = switch (trigger) {
            case "A02" -> "ADT_A02";
            case "A03" -> "ADT_A03";
            default -> "ADT_A01";
        };
        return String.join("\r",
                "MSH|^~\\&|PAS|HOSPITAL|VITALSTORM|VS|" + when + "||ADT^" + trigger + "^" + structure + "|" + controlId
                + "|P|2.5",
                "EVN|" + trigger + "|" + when + "||||" + when,
                "PID|1||" + patientId + "^^^HOSP^PI~" + mrn + "^^^HOSP^MR||Okafor^Robin||19500304|F",
                "PV1|1|I|" + ward + "^12^A||||S1^Osei^Kwame|||" + service).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encounter(String id, String status, String patientId, String ward, String team, String start,
                                   String end) {
        return ("{\"resourceType\":\"Encounter\",\"id\":\"" + id + "\",\"status\":\"" + status + "\","
                + "\"subject\":{\"reference\":\"Patient/" + patientId + "\"},"
                + "\"participant\":[{\"type\":[{\"coding\":[{\"code\":\"ATND\"}]}],\"individual\":{\"display\":\"Dr "
                + "Lindqvist\"}}],"
                + "\"location\":[{\"location\":{\"reference\":\"Location/" + ward + "\"},\"status\":\"active\","
                + "\"period\":{\"start\":\"" + start + "\"}}],"
                + "\"serviceProvider\":{\"reference\":\"Organization/" + team + "\"},"
                + "\"period\":{\"start\":\"" + start + "\"" + (end == null ? "" : ",\"end\":\"" + end + "\"") + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
