package io.vitalstorm.storage;

import io.vitalstorm.core.model.PatientIdentifier;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class SharedProfileStringsTest {

    /** A registry read: every string a new instance, as a JSON decoder returns them. */
    private static Optional<PatientProfile> read(String id) {
        if (id.startsWith("X")) {
            return Optional.empty();
        }
        return Optional.of(new PatientProfile(new String(id), "Name " + id, 70, new String("Ward-1"),
                new String("Ward-1 team"), new String("Dr A"), Spo2Scale.SCALE_2, "app:device-" + id,
                List.of(new PatientIdentifier("urn:mrn", "M" + id))));
    }

    private final Function<String, Optional<PatientProfile>> loading =
            new SharedProfileStrings().loading(SharedProfileStringsTest::read);

    @Test
    void profilesAreTheRegistrysAndShareTheirWardTeamAndDoctor() {
        String p1 = new String("P1");
        PatientProfile a = loading.apply(p1).orElseThrow();
        PatientProfile b = loading.apply("P2").orElseThrow();

        assertThat(a).isEqualTo(read("P1").orElseThrow());
        assertThat(b).isEqualTo(read("P2").orElseThrow());
        assertThat(a.patientId()).isSameAs(p1);
        assertThat(b.ward()).isSameAs(a.ward());
        assertThat(b.careTeam()).isSameAs(a.careTeam());
        assertThat(b.responsibleDoctor()).isSameAs(a.responsibleDoctor());
    }

    @Test
    void unknownPatientsStayUnknownAndMissingValuesStayMissing() {
        assertThat(loading.apply("X9")).isEmpty();
        PatientProfile bare = new PatientProfile("P3", null, null, null, null, null, null, null);
        assertThat(new SharedProfileStrings().loading(id -> Optional.of(bare)).apply("P3")).contains(bare);
    }

    @Test
    void aProfileUnderAnotherIdKeepsItsOwn() {
        PatientProfile p = new SharedProfileStrings().loading(id -> read("P4")).apply("alias-of-P4").orElseThrow();
        assertThat(p.patientId()).isEqualTo("P4");
    }
}
