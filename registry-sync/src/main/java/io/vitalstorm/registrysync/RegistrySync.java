package io.vitalstorm.registrysync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.ChangeSource;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.RegistryRecord;
import io.vitalstorm.storage.cassandra.RegistrySyncState;
import io.vitalstorm.storage.redis.OpenAlertIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run of the SQL registry sync. Incremental (rows updated since the watermark, less an
 * overlap for transactions that commit late; re-reading a row is harmless) or a full diff.
 * <p>Field by field: a field is taken from SQL only where SQL changed it since the row it last
 * read. If another source (an ADT event, an operator) changed that same field more recently than
 * the SQL row, the newer value is kept and the disagreement reported as a conflict. A patient
 * deleted in SQL (soft-delete column, or gone from a full diff) is removed from the registry
 * unless under an active alert: then the deletion is held, reported every run, and applied once
 * the alerts are closed. Each change goes to the registry with its history row and invalidates
 * the profile caches.
 */
public final class RegistrySync {

    /** Checked before every write: the maintenance job's leadership fence. */
    @FunctionalInterface
    public interface WriteGuard {
        void check() throws Exception;
    }

    /** Every profile field the sync compares, in the registry JSON's names. */
    private static final List<String> FIELDS = List.of("name", "age", "ward", "careTeam", "doctor", "spo2Scale",
            "contact",
            "identifiers");

    private final RegistrySqlSettings settings;
    private final SqlPatientSource source;
    private final ProfileRowMapper mapper;
    private final PatientDirectory directory;
    private final RegistrySyncState state;
    private final OpenAlertIndex openAlerts;
    private final Clock clock;

    public RegistrySync(RegistrySqlSettings settings, PatientDirectory directory, RegistrySyncState state,
                        OpenAlertIndex openAlerts, Clock clock) {
        this.settings = settings;
        this.source = new SqlPatientSource(settings);
        this.mapper = new ProfileRowMapper(settings);
        this.directory = directory;
        this.state = state;
        this.openAlerts = openAlerts;
        this.clock = clock;
    }

    /** @param beforeWrite called before every write (the maintenance job checks it still leads) */
    public SyncReport run(WriteGuard beforeWrite) throws Exception {
        Instant now = clock.instant();
        RegistrySyncState.Run previous = state.load(settings.name());
        Instant since = previous.watermark() == null ? null : previous.watermark().minus(settings.overlap());
        List<SqlRow> rows = source.read(since);
        SyncReport report = new SyncReport();
        report.read = rows.size();
        report.watermark = previous.watermark();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // SQL's view of when a full-diff row changed: some time since the previous run
        Instant fullDiffTime = previous.lastRun() == null ? Instant.EPOCH : previous.lastRun();

        Map<String, MappedRow.Patient> patients = new LinkedHashMap<>();
        for (SqlRow row : rows) {
            MappedRow m = mapper.map(row, today);
            Instant updated = m instanceof MappedRow.Patient p ? p.updated() : ((MappedRow.Malformed) m).updated();
            if (updated != null && (report.watermark == null || updated.isAfter(report.watermark))) {
                report.watermark = updated;
            }
            if (m instanceof MappedRow.Malformed bad) {
                report.malformed.add(bad.where() + ": " + bad.reason());
            } else if (m instanceof MappedRow.Patient p) {
                if (patients.put(p.profile().patientId(), p) != null) {
                    report.malformed.add("row " + row.number() + ": patient " + p.profile().patientId()
                            + " appears in more than one row; the last one is used");
                }
            }
        }

        Set<String> deletions = new LinkedHashSet<>(previous.heldDeletions());
        Map<String, String> lastRows = settings.incremental() ? null : state.rows(settings.name());
        for (MappedRow.Patient p : patients.values()) {
            String id = p.profile().patientId();
            Instant rowTime = p.updated() != null ? p.updated() : fullDiffTime;
            if (p.deleted()) {
                deletions.add(id);
                continue;
            }
            deletions.remove(id);
            Optional<String> lastRow = lastRows != null ? Optional.ofNullable(lastRows.get(id))
                    : state.row(settings.name(), id);
            upsert(new RegistryRecord(p.profile(), p.identifiers(), ChangeSource.SQL, rowTime, false), lastRow,
                    beforeWrite, report);
        }
        if (lastRows != null) {
            lastRows.keySet().stream().filter(id -> !patients.containsKey(id)).forEach(deletions::add);
        }

        Set<String> held = new LinkedHashSet<>();
        for (String id : deletions) {
            if (!delete(id, now, beforeWrite, report)) {
                held.add(id);
            }
        }
        beforeWrite.check();
        state.save(settings.name(), report.watermark, now, report.toJson(), held);
        return report;
    }

    private void upsert(RegistryRecord incoming, Optional<String> lastRow, WriteGuard beforeWrite, SyncReport report)
            throws Exception {
        String id = incoming.patientId();
        JsonNode in = tree(PatientRegistry.json(incoming));
        JsonNode last = lastRow.map(RegistrySync::tree).orElse(null);
        if (in.equals(last)) {
            report.unchanged++;
            return;
        }
        Optional<RegistryRecord> existing = directory.registry().findRecord(id);
        beforeWrite.check();
        if (existing.isEmpty()) {
            directory.apply(incoming, existing, "created", "from SQL " + settings.name());
            report.created++;
        } else {
            RegistryRecord ex = existing.get();
            JsonNode exJson = tree(PatientRegistry.json(ex));
            ObjectNode merged = (ObjectNode) exJson.deepCopy();
            merged.remove("provisional"); // the hospital's own record confirms a provisionally created patient
            List<String> changes = new ArrayList<>();
            for (String f : FIELDS) {
                JsonNode sqlValue = in.get(f);
                if (last != null && same(sqlValue, last.get(f))) {
                    continue; // SQL did not change this field: whatever the registry has stays
                }
                if (same(sqlValue, exJson.get(f))) {
                    continue;
                }
                boolean changedElsewhere = last == null || !same(exJson.get(f), last.get(f));
                if (ex.source() != ChangeSource.SQL && changedElsewhere && ex.sourceTime() != null
                        && ex.sourceTime().isAfter(incoming.sourceTime())) {
                    String conflict = "patient " + id + " " + f + ": kept " + text(exJson.get(f)) + " (" + ex.source()
                            + " at " + ex.sourceTime() + "), SQL has " + text(sqlValue) + " (as of "
                            + incoming.sourceTime() + ")";
                    report.conflicts.add(conflict);
                    directory.registry().note(id, ChangeSource.SQL, incoming.sourceTime(), "conflict", conflict);
                    continue;
                }
                changes.add(f + " " + text(exJson.get(f)) + " -> " + text(sqlValue));
                if (sqlValue == null) {
                    merged.remove(f);
                } else {
                    merged.set(f, sqlValue);
                }
            }
            RegistryRecord next = PatientRegistry.fromJson(Json.string(merged), ChangeSource.SQL,
                    incoming.sourceTime());
            if (next.sameContentAs(ex)) {
                report.unchanged++;
            } else {
                directory.apply(next, existing, ex.provisional() ? "confirmed" : "updated",
                        "from SQL " + settings.name() + ": "
                        + (changes.isEmpty() ? "provisional record confirmed" : String.join(", ", changes)));
                report.updated++;
            }
        }
        state.saveRow(settings.name(), id, Json.string(in));
    }

    /** @return false when the deletion is held (the patient is under an active alert) */
    private boolean delete(String id, Instant now, WriteGuard beforeWrite, SyncReport report) throws Exception {
        Optional<RegistryRecord> existing = directory.registry().findRecord(id);
        if (existing.isPresent()) {
            List<String> open = openAlerts.openConditions(id);
            if (!open.isEmpty()) {
                report.heldDeletions.add("patient " + id + ": deleted in SQL " + settings.name()
                        + " but under active alert ("
                        + String.join(", ", open) + "); kept until the alerts are closed");
                return false;
            }
            beforeWrite.check();
            directory.remove(existing.get(), ChangeSource.SQL, now, "deleted in SQL " + settings.name());
            report.deleted++;
        }
        beforeWrite.check();
        state.forgetRow(settings.name(), id);
        return true;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean aNone = a == null || a.isNull();
        boolean bNone = b == null || b.isNull();
        return aNone || bNone ? aNone == bNone : a.equals(b);
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? "(none)" : v.isTextual() ? v.asText() : v.toString();
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
