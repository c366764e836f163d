package io.vitalstorm.registrysync.adt;

import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.ChangeSource;
import io.vitalstorm.storage.cassandra.Discharges;
import io.vitalstorm.storage.cassandra.RegistryRecord;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies ADT events to the registry (with history, source ADT, as of the event time) and drops
 * the cached profiles, so the stream enriches the next readings with the new ward and care team.
 * An event older than the registry's last ADT change is ignored (feeds are not always in order).
 * A patient the registry does not know is created provisionally and flagged, until the
 * hospital's SQL record confirms them. A discharge is recorded (the stale-state sweep releases
 * the bed); resolving the open alerts is the alert engine's part.
 */
public final class AdtApplier {

    private final PatientDirectory directory;
    private final Discharges discharges;
    private final Clock clock;

    public AdtApplier(PatientDirectory directory, Discharges discharges, Clock clock) {
        this.directory = directory;
        this.discharges = discharges;
        this.clock = clock;
    }

    public AdtOutcome apply(AdtEvent e) {
        Optional<RegistryRecord> existing = directory.registry().findRecord(e.patientId());
        if (existing.isPresent() && existing.get().source() == ChangeSource.ADT && existing.get().sourceTime() != null
                && existing.get().sourceTime().isAfter(e.eventTime())) {
            String detail = e.reference() + " of " + e.eventTime() + " is older than the registry's last ADT change ("
                    + existing.get().sourceTime() + "): ignored";
            directory.registry().note(e.patientId(), ChangeSource.ADT, e.eventTime(), "stale", detail);
            return new AdtOutcome(e.patientId(), "stale", false, false, e.eventTime(), detail);
        }
        if (e.kind() == AdtEvent.Kind.DISCHARGE) {
            discharges.discharge(e.patientId(), e.eventTime());
            String detail = e.reference() + (existing.isPresent() ? "" : " (patient not in the registry)");
            if (existing.isPresent()) {
                // the profile stays; its ADT time moves on, so an older transfer arriving late is ignored
                RegistryRecord ex = existing.get();
                directory.apply(
                        new RegistryRecord(ex.profile(), ex.identifiers(), ChangeSource.ADT, e.eventTime(),
                                ex.provisional()),
                        existing, "discharged", detail);
            } else {
                directory.registry().note(e.patientId(), ChangeSource.ADT, e.eventTime(), "discharged", detail);
            }
            return new AdtOutcome(e.patientId(), "discharged", false, true, e.eventTime(), detail);
        }
        PatientProfile base = existing.map(RegistryRecord::profile)
                .orElseGet(() -> PatientProfile.unknown(e.patientId()));
        List<String> changes = new ArrayList<>();
        PatientProfile next = new PatientProfile(e.patientId(),
                pick("name", base.displayName(), e.displayName(), changes),
                pick("age", base.age(), age(e.birthDate()), changes),
                pick("ward", base.ward(), e.ward(), changes),
                pick("careTeam", base.careTeam(), e.careTeam(), changes),
                pick("doctor", base.responsibleDoctor(), e.doctor(), changes),
                base.spo2Scale(), base.contactChannel());
        Map<String, String> ids = new LinkedHashMap<>(existing.map(RegistryRecord::identifiers).orElse(Map.of()));
        ids.putAll(e.identifiers());
        boolean provisional = existing.isEmpty() || existing.get().provisional();
        RegistryRecord record = new RegistryRecord(next, ids, ChangeSource.ADT, e.eventTime(), provisional);
        if (existing.isPresent() && record.sameContentAs(existing.get())) {
            return new AdtOutcome(e.patientId(), "unchanged", provisional, false, e.eventTime(), e.reference());
        }
        String change = existing.isEmpty() ? "created-provisional"
                : changes.stream().anyMatch(c -> c.startsWith("ward ")) ? "transfer"
                : e.kind() == AdtEvent.Kind.ADMIT ? "admitted" : "updated";
        String detail = e.reference() + (changes.isEmpty() ? "" : ": " + String.join(", ", changes))
                + (existing.isEmpty() ? "; patient unknown to the registry, created provisionally" : "");
        directory.apply(record, existing, change, detail);
        return new AdtOutcome(e.patientId(), change, provisional, false, e.eventTime(), detail);
    }

    private Integer age(LocalDate birth) {
        return birth == null ? null
                : Period.between(birth, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).getYears();
    }

    /** The message's value where it has one (noting the change), else the registry's. */
    private static <T> T pick(String field, T current, T fromMessage, List<String> changes) {
        if (fromMessage == null || Objects.equals(current, fromMessage)) {
            return current;
        }
        changes.add(field + " " + (current == null ? "(none)" : current) + " -> " + fromMessage);
        return fromMessage;
    }
}
