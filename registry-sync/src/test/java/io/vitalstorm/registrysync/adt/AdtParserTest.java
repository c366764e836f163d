package io.vitalstorm.registrysync.adt;

import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.testsupport.AdtMessages;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class AdtParserTest {

    private final AdtParser parser = new AdtParser();

    @Test
    void hl7AdmitTransferDischargeAndUpdateBecomeEvents() {
        AdtEvent admit =
                parser.parse(AdtMessages.hl7("A01", "M1", "P-1", "MRN1", "3B", "team-3b", "202610010800+0000")).event();
        assertThat(admit.kind()).isEqualTo(AdtEvent.Kind.ADMIT);
        assertThat(admit.patientId()).isEqualTo("P-1");
        assertThat(admit.identifiers()).containsEntry("mrn", "MRN1").containsEntry("pi", "P-1");
        assertThat(admit.displayName()).isEqualTo("Robin Okafor");
        assertThat(admit.birthDate()).isEqualTo(LocalDate.of(1950, 3, 4));
        assertThat(admit.ward()).isEqualTo("3B");
        assertThat(admit.careTeam()).isEqualTo("team-3b");
        assertThat(admit.doctor()).isEqualTo("Kwame Osei");
        assertThat(admit.eventTime()).isEqualTo(Instant.parse("2026-10-01T08:00:00Z"));
        assertThat(admit.reference()).isEqualTo("HL7 ADT^A01 M1");

        AdtEvent transfer =
                parser.parse(AdtMessages.hl7("A02", "M2", "P-1", "MRN1", "5A", "team-5a", "202610011012+0100")).event();
        assertThat(transfer.kind()).isEqualTo(AdtEvent.Kind.TRANSFER);
        assertThat(transfer.ward()).isEqualTo("5A");
        assertThat(transfer.eventTime()).isEqualTo(Instant.parse("2026-10-01T09:12:00Z"));
        assertThat(parser.parse(AdtMessages.hl7("A03", "M3", "P-1", "MRN1", "5A", "team-5a", "20261002120000+0000"))
                .event().kind())
                .isEqualTo(AdtEvent.Kind.DISCHARGE);
        assertThat(parser.parse(AdtMessages.hl7("A08", "M4", "P-1", "MRN1", "5A", "team-5a", "202610021300+0000"))
                .event().kind())
                .isEqualTo(AdtEvent.Kind.UPDATE);
    }

    @Test
    void aFhirEncounterGivesWardCareTeamAndDoctorAndAFinishedOneIsADischarge() {
        AdtEvent e = parser.parse(AdtMessages.encounter("enc-1", "in-progress", "P-2", "5A", "team-5a",
                "2026-10-01T10:12:00+00:00", null)).event();
        assertThat(e.kind()).isEqualTo(AdtEvent.Kind.UPDATE);
        assertThat(e.patientId()).isEqualTo("P-2");
        assertThat(e.ward()).isEqualTo("5A");
        assertThat(e.careTeam()).isEqualTo("team-5a");
        assertThat(e.doctor()).isEqualTo("Dr Lindqvist");
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2026-10-01T10:12:00Z"));

        AdtEvent done = parser.parse(AdtMessages.encounter("enc-1", "finished", "P-2", "5A", "team-5a",
                "2026-10-01T10:12:00+00:00", "2026-10-03T09:00:00+00:00")).event();
        assertThat(done.kind()).isEqualTo(AdtEvent.Kind.DISCHARGE);
        assertThat(done.eventTime()).isEqualTo(Instant.parse("2026-10-03T09:00:00Z"));
    }

    @Test
    void badMessagesAreRefusedWithAReasonAndNeverThrow() {
        assertThat(code("")).isEqualTo(Rejection.Code.EMPTY);
        assertThat(code("hello")).isEqualTo(Rejection.Code.UNKNOWN_CODE);
        assertThat(code("MSH|garbage")).isEqualTo(Rejection.Code.MALFORMED_HL7);
        assertThat(code(
                new String(AdtMessages.hl7("A05", "M9", "P-1", "MRN1", "3B", "t", "202610010800"),
                        StandardCharsets.UTF_8)))
                .isEqualTo(Rejection.Code.UNKNOWN_CODE);
        assertThat(code(
                new String(AdtMessages.hl7("A02", "M9", "", "", "3B", "t", "202610010800"), StandardCharsets.UTF_8)))
                .isEqualTo(Rejection.Code.MISSING_FIELD);
        assertThat(code(
                new String(AdtMessages.hl7("A02", "M9", "P-1", "MRN1", "3B", "t", "2026-10-01"),
                        StandardCharsets.UTF_8)))
                .isEqualTo(Rejection.Code.INVALID_VALUE);
        assertThat(code("{\"resourceType\":\"Patient\"}")).isEqualTo(Rejection.Code.UNKNOWN_CODE);
        assertThat(code("{\"resourceType\":\"Encounter\",\"status\":\"in-progress\"}"))
                .isEqualTo(Rejection.Code.MISSING_FIELD);
        assertThat(code(
                "{\"resourceType\":\"Encounter\",\"subject\":{\"reference\":\"Patient/x\"},\"status\":\"finished\","
                + "\"period\":{\"end\":\"yesterday\"}}")).isEqualTo(Rejection.Code.INVALID_VALUE);
        assertThat(code("{not json")).isEqualTo(Rejection.Code.MALFORMED_JSON);
        assertThat(parser.parse(new byte[] {(byte) 0xff, 0, 1}).rejection()).isNotNull();
    }

    private Rejection.Code code(String text) {
        AdtParseResult r = parser.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(r.event()).as("refused: %s", text).isNull();
        System.out.println(r.rejection());
        return r.rejection().code();
    }
}
