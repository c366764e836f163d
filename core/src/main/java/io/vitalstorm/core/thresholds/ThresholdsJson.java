package io.vitalstorm.core.thresholds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoreTable;
import io.vitalstorm.core.news2.ScoringTables;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads and writes the thresholds JSON document. Absent keys take the values of a base (the
 * defaults, or the less specific document an override refines), so a site that deviates on one
 * chart row writes only that row. Anything unreadable is refused with
 * a message naming the key; callers keep the last good thresholds.
 * <pre>
 * {"alertTrigger":"LOW_MEDIUM","resolveAfterMinutes":15,
 *  "scoring":{"heartRate":[{"upTo":40,"score":3},{"upTo":50,"score":1},...,{"score":3}]}}
 * </pre>
 */
public final class ThresholdsJson {

    private static final Map<String, Function<ScoringTables, ScoreTable>> TABLES = Map.of(
            "respiratoryRate", ScoringTables::respiratoryRate,
            "spo2Scale1", ScoringTables::spo2Scale1,
            "spo2Scale2OnAir", ScoringTables::spo2Scale2OnAir,
            "spo2Scale2OnOxygen", ScoringTables::spo2Scale2OnOxygen,
            "systolicBp", ScoringTables::systolicBp,
            "heartRate", ScoringTables::heartRate,
            "temperature", ScoringTables::temperature);

    private ThresholdsJson() {
    }

    public static Thresholds parse(byte[] json) {
        return parse(json, Thresholds.DEFAULTS);
    }

    /** Parses a possibly partial document; every key it leaves out keeps the value in {@code base}. */
    public static Thresholds parse(byte[] json, Thresholds base) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("thresholds are not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("thresholds must be a JSON object");
        }
        Thresholds d = base;
        RiskBand trigger = d.alertTrigger();
        if (root.hasNonNull("alertTrigger")) {
            try {
                trigger = RiskBand.valueOf(root.get("alertTrigger").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("alertTrigger must be LOW_MEDIUM, MEDIUM or HIGH");
            }
        }
        Duration resolveAfter = d.resolveAfter();
        if (root.hasNonNull("resolveAfterMinutes")) {
            JsonNode n = root.get("resolveAfterMinutes");
            if (!n.isNumber() || n.doubleValue() < 0) {
                throw new IllegalArgumentException("resolveAfterMinutes must be a number >= 0");
            }
            resolveAfter = Duration.ofMillis(Math.round(n.doubleValue() * 60_000));
        }
        ScoringTables scoring = scoring(root.get("scoring"), d.scoring());
        return new Thresholds(trigger, resolveAfter, scoring);
    }

    public static byte[] toJson(Thresholds t) {
        ObjectNode root = Json.object();
        root.put("alertTrigger", t.alertTrigger().name());
        root.put("resolveAfterMinutes", t.resolveAfter().toMillis() / 60_000.0);
        ObjectNode scoring = root.putObject("scoring");
        TABLES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ArrayNode bands = scoring.putArray(e.getKey());
            for (ScoreTable.Band b : e.getValue().apply(t.scoring()).bands()) {
                ObjectNode band = bands.addObject();
                if (b.upTo() != null) {
                    band.put("upTo", b.upTo());
                }
                band.put("score", b.score());
            }
        });
        return Json.bytes(root);
    }

    private static ScoringTables scoring(JsonNode node, ScoringTables defaults) {
        if (node == null || node.isNull()) {
            return defaults;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("scoring must be an object of chart rows");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!TABLES.containsKey(name)) {
                throw new IllegalArgumentException("scoring." + name + " is not a chart row; known: " + TABLES.keySet());
            }
        });
        return new ScoringTables(
                table(node, "respiratoryRate", defaults),
                table(node, "spo2Scale1", defaults),
                table(node, "spo2Scale2OnAir", defaults),
                table(node, "spo2Scale2OnOxygen", defaults),
                table(node, "systolicBp", defaults),
                table(node, "heartRate", defaults),
                table(node, "temperature", defaults));
    }

    private static ScoreTable table(JsonNode scoring, String name, ScoringTables defaults) {
        ScoreTable fallback = TABLES.get(name).apply(defaults);
        JsonNode n = scoring.get(name);
        if (n == null) {
            return fallback;
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException("scoring." + name + " must be an array of {upTo, score}");
        }
        List<ScoreTable.Band> bands = new ArrayList<>();
        for (JsonNode b : n) {
            JsonNode upTo = b.get("upTo");
            JsonNode score = b.get("score");
            if (score == null || !score.isInt() || (upTo != null && !upTo.isNumber())) {
                throw new IllegalArgumentException("scoring." + name + ": each band needs an integer score and a numeric upTo (except the last)");
            }
            bands.add(new ScoreTable.Band(upTo == null ? null : upTo.doubleValue(), score.intValue()));
        }
        try {
            return new ScoreTable(bands, fallback.resolution());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scoring." + name + ": " + e.getMessage(), e);
        }
    }
}
