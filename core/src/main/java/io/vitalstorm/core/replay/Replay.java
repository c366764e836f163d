package io.vitalstorm.core.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.alert.AlertContexts;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertMessages;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.core.parse.ParseResult;
import io.vitalstorm.core.parse.PatientIdentifiers;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.core.engine.ClinicalEngine;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.thresholds.Thresholds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offline run of the clinical engine over a JSONL file of observations, in file order:
 * the same parser, risk engine and alert lifecycle the topology uses, so a threshold or scoring
 * change can be tried on recorded data before it goes live. Event time stands in for arrival
 * time: a patient whose readings stop for the no-data gap (as the file's clock runs on) gets
 * NO_DATA.
 */
public final class Replay {

    public enum Output { SCORES, ALERTS }

    /** Counts for the closing summary. */
    public static final class Summary {
        public long lines;
        public long blank;
        /** Observations scored (a FHIR Bundle line can hold several). */
        public long valid;
        /** Lines refused in whole or in part. */
        public long invalid;
        public long unknownPatientObservations;
        /** Readings that came after their window had closed: scored, but they change no alert. */
        public long late;
        public final Set<String> unknownPatients = new HashSet<>();
        public final Map<AlertState, Long> alerts = new EnumMap<>(AlertState.class);

        public boolean allValid() {
            return invalid == 0;
        }

        @Override
        public String toString() {
            long alertTotal = alerts.values().stream().mapToLong(Long::longValue).sum();
            return "replay: " + lines + " lines, " + valid + " valid, " + invalid + " invalid, " + blank + " blank; "
                    + late + " late; " + unknownPatients.size() + " unknown patients (" + unknownPatientObservations
                    + " observations); "
                    + alertTotal + " alert events " + alerts;
        }
    }

    private final Thresholds thresholds;
    private final Map<String, PatientProfile> profiles;
    private final Output output;
    private final ObservationParser parser;
    private final ClinicalEngine engine;

    public Replay(Thresholds thresholds, Map<String, PatientProfile> profiles, Output output) {
        this.thresholds = thresholds;
        this.profiles = profiles;
        this.output = output;
        // FHIR subjects given by MRN are found through the identifiers of the patients file
        this.parser = new ObservationParser(PatientIdentifiers.of(profiles.values()));
        this.engine = new ClinicalEngine((patient, ward) -> thresholds,
                (patient, ts) -> AlertContexts.withoutVitals(profile(patient), profiles.containsKey(patient), ts));
    }

    /** As {@link #run(InputStream, PrintStream, PrintStream)}, for text already decoded. */
    public Summary run(BufferedReader observations, PrintStream out, PrintStream err) throws IOException {
        Summary summary = new Summary();
        String line;
        while ((line = observations.readLine()) != null) {
            line(line.getBytes(StandardCharsets.UTF_8), line.isBlank(), summary, out, err);
        }
        report(engine.checkSilence(), summary, out);
        return summary;
    }

    /**
     * Writes one JSON object per line to {@code out}, each refused line (or refused part of a line)
     * to {@code err} with its line number, and goes on to the next line whatever a line holds:
     * bytes that are not UTF-8, a line longer than any record, or a defect met on it.
     */
    public Summary run(InputStream observations, PrintStream out, PrintStream err) throws IOException {
        Summary summary = new Summary();
        BoundedLines lines = new BoundedLines(observations, ObservationParser.MAX_BUNDLE_BYTES + 1);
        byte[] line;
        while ((line = lines.next()) != null) {
            line(line, isBlank(line), summary, out, err);
        }
        report(engine.checkSilence(), summary, out);
        return summary;
    }

    private void line(byte[] bytes, boolean blank, Summary summary, PrintStream out, PrintStream err) {
        summary.lines++;
        if (blank) {
            summary.blank++;
            return;
        }
        try {
            ParseResult result = parser.parse(bytes);
            if (!result.rejections().isEmpty()) {
                summary.invalid++;
                err.println("line " + summary.lines + ": " + ParseResult.combine(result.rejections()));
            }
            for (Observation o : result.observations()) {
                summary.valid++;
                ClinicalEngine.Outcome outcome = engine.onReading(enrich(o, summary), thresholds);
                Assessment a = outcome.assessment();
                if (a.late()) {
                    summary.late++;
                }
                if (output == Output.SCORES) {
                    out.println(Json.string(scoreLine(a.scored())));
                }
                report(outcome.events(), summary, out);
            }
        } catch (RuntimeException bug) {
            // a defect on one line must not cost the rest of the file: counted, named, and on to the next
            summary.invalid++;
            err.println("line " + summary.lines + ": " + Rejection.Code.INTERNAL_ERROR + ": " + bug);
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private void report(List<AlertEvent> events, Summary summary, PrintStream out) {
        for (AlertEvent e : events) {
            summary.alerts.merge(e.state(), 1L, Long::sum);
            if (output == Output.ALERTS) {
                out.println(Json.string(AlertMessages.clinician(e)));
            }
        }
    }

    private PatientProfile profile(String patientId) {
        PatientProfile p = profiles.get(patientId);
        return p != null ? p : PatientProfile.unknown(patientId);
    }

    private EnrichedObservation enrich(Observation o, Summary summary) {
        PatientProfile profile = profiles.get(o.patientId());
        if (profile == null) {
            summary.unknownPatientObservations++;
            summary.unknownPatients.add(o.patientId());
            return new EnrichedObservation(o, PatientProfile.unknown(o.patientId()), false);
        }
        return new EnrichedObservation(o, profile, true);
    }

    private static ObjectNode scoreLine(ScoredObservation s) {
        ObjectNode n = Json.object();
        n.put("patientId", s.patientId());
        ObservationJson.putTime(n, s.ts());
        ObservationJson.putScore(n, s.score());
        n.put("spo2Scale", s.profile().spo2Scale().number());
        n.put("knownPatient", s.enriched().knownPatient());
        return n;
    }
}
