package io.vitalstorm.core.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertMessages;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.core.parse.ParseResult;
import io.vitalstorm.core.thresholds.Thresholds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Offline run of the clinical engine over a JSONL file of observations, in file order:
 * the same parser, scorer and alert rules the topology uses, so a threshold or scoring change
 * can be tried on recorded data before it goes live.
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
        public final Set<String> unknownPatients = new HashSet<>();
        public final Map<AlertState, Long> alerts = new EnumMap<>(AlertState.class);

        public boolean allValid() {
            return invalid == 0;
        }

        @Override
        public String toString() {
            long alertTotal = alerts.values().stream().mapToLong(Long::longValue).sum();
            return "replay: " + lines + " lines, " + valid + " valid, " + invalid + " invalid, " + blank + " blank; "
                    + unknownPatients.size() + " unknown patients (" + unknownPatientObservations + " observations); "
                    + alertTotal + " alert events " + alerts;
        }
    }

    private final Thresholds thresholds;
    private final Map<String, PatientProfile> profiles;
    private final Output output;
    private final ObservationParser parser = new ObservationParser();
    private final AlertEngine alerts = new AlertEngine();
    private final News2Scorer scorer;

    public Replay(Thresholds thresholds, Map<String, PatientProfile> profiles, Output output) {
        this.thresholds = thresholds;
        this.profiles = profiles;
        this.output = output;
        this.scorer = new News2Scorer(thresholds.scoring());
    }

    /** Writes one JSON object per line to {@code out}, rejected lines to {@code err}. */
    public Summary run(BufferedReader observations, PrintStream out, PrintStream err) throws IOException {
        Summary summary = new Summary();
        String line;
        while ((line = observations.readLine()) != null) {
            summary.lines++;
            if (line.isBlank()) {
                summary.blank++;
                continue;
            }
            ParseResult result = parser.parse(line.getBytes(StandardCharsets.UTF_8));
            if (!result.rejections().isEmpty()) {
                summary.invalid++;
                err.println("line " + summary.lines + ": " + ParseResult.combine(result.rejections()));
            }
            for (Observation o : result.observations()) {
                summary.valid++;
                ScoredObservation scored = scorer.score(enrich(o, summary));
                if (output == Output.SCORES) {
                    out.println(Json.string(scoreLine(scored)));
                }
                alerts.onScore(scored, thresholds).ifPresent(e -> {
                    summary.alerts.merge(e.state(), 1L, Long::sum);
                    if (output == Output.ALERTS) {
                        out.println(Json.string(AlertMessages.clinician(e)));
                    }
                });
            }
        }
        return summary;
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
