package io.vitalstorm.storage.redis;

import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.Parameter;
import io.vitalstorm.core.news2.ScoredObservation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * What a batch of scored readings sends to Redis, patient by patient (pure: no Redis here; see
 * {@link LatestStateWriter}). A patient whose stored {@code ts} the writer knows gets one plain
 * write: the readings of the batch not older than that ts, folded oldest first into one hash
 * update (the newest reading's score, band and times; each vital from the newest reading that
 * carries it), and nothing at all when every reading is older. A patient it does not know gets
 * one checked write (the version-checking script) per reading, oldest first, exactly as every
 * reading was written before.
 */
final class LatestStatePlan {

    private LatestStatePlan() {
    }

    /**
     * One command group for one patient: {@code fields} to put in the latest hash and {@code newest}'s
     * score on the risk boards; {@code checked} when Redis must compare versions itself.
     */
    record Write(ScoredObservation newest, Map<String, String> fields, boolean checked) {

        String patientId() {
            return newest.patientId();
        }

        long ts() {
            return newest.ts();
        }

        int news2() {
            return newest.score().total();
        }
    }

    private static final Comparator<ScoredObservation> OLDEST_FIRST = Comparator.comparingLong(ScoredObservation::ts);

    /**
     * The writes of {@code batch}; {@code known} gives the ts Redis holds for a patient as far as the writer knows
     * (null: unknown). {@code updatedAt} is the wall-clock time written with each reading.
     */
    static List<Write> plan(List<ScoredObservation> batch, Function<String, Long> known, long updatedAt) {
        Map<String, List<ScoredObservation>> byPatient = new LinkedHashMap<>();
        for (ScoredObservation s : batch) {
            byPatient.computeIfAbsent(s.patientId(), p -> new ArrayList<>(2)).add(s);
        }
        List<Write> writes = new ArrayList<>(byPatient.size());
        byPatient.forEach((patientId, readings) -> {
            readings.sort(OLDEST_FIRST); // stable: readings of equal ts keep their order of arrival
            Long stored = known.apply(patientId);
            if (stored == null) {
                for (ScoredObservation s : readings) {
                    writes.add(new Write(s, fields(s, updatedAt), true));
                }
                return;
            }
            Map<String, String> folded = new LinkedHashMap<>();
            ScoredObservation newest = null;
            for (ScoredObservation s : readings) {
                // the script's rule: a reading as new as the stored one still replaces it, an older one never does
                if (s.ts() >= stored) {
                    folded.putAll(fields(s, updatedAt));
                    newest = s;
                }
            }
            if (newest != null) {
                writes.add(new Write(newest, folded, false));
            }
        });
        return writes;
    }

    /** The latest-hash fields of one reading; each vital it carries replaces the stored one, absent ones stay. */
    static Map<String, String> fields(ScoredObservation s, long updatedAt) {
        Observation o = s.observation();
        Map<String, String> f = new LinkedHashMap<>(32);
        f.put("ts", Long.toString(o.ts()));
        f.put("patientId", s.patientId());
        put(f, "ward", s.profile().ward());
        f.put("news2", Integer.toString(s.score().total()));
        f.put("band", s.score().band().name());
        f.put("incomplete", Boolean.toString(s.score().incomplete()));
        f.put("missing", names(s.score().missing()));
        f.put("carried", names(s.score().carried()));
        var subscores = Json.object();
        s.score().subscores().forEach((p, v) -> subscores.put(p.jsonName(), v));
        f.put("subscores", subscores.toString());
        f.put("knownPatient", Boolean.toString(s.enriched().knownPatient()));
        put(f, "deviceId", o.deviceId());
        f.put("updatedAt", Long.toString(updatedAt));
        ObservationJson.vitals(o).fields().forEachRemaining(e -> f.put(e.getKey(), e.getValue().asText()));
        return f;
    }

    private static void put(Map<String, String> f, String name, String value) {
        f.put(name, value == null ? "" : value);
    }

    private static String names(Set<Parameter> parameters) {
        StringJoiner joined = new StringJoiner(",");
        for (Parameter p : parameters) {
            joined.add(p.jsonName());
        }
        return joined.toString();
    }
}
