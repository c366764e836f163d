package io.vitalstorm.core.thresholds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.StrictJson;
import io.vitalstorm.core.news2.Parameter;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoreTable;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.vitals.Validity;
import io.vitalstorm.core.window.TrendSettings;
import io.vitalstorm.core.window.WindowSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads and writes the thresholds JSON document. Absent keys take the values of a base (the
 * defaults, or the less specific document an override refines), so a site that deviates on one
 * chart row writes only that row. Anything unreadable is refused with
 * a message naming the key; callers keep the last good thresholds.
 * <pre>
 * {"alertTrigger":"LOW_MEDIUM","resolveAfterMinutes":15,"escalateAfterMinutes":15,"cooldownMinutes":10,
 *  "noDataAfterMinutes":10,"validityMinutes":{"heartRate":5,...},
 *  "window":{"sizeSeconds":300,"slideSeconds":30,"allowedLatenessSeconds":10,"sustainSeconds":60},
 *  "trend":{"horizonMinutes":60,"news2Rise":2,"heartRateRisePer10Min":15,"spo2FallPer10Min":3},
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
        StrictJson.Read read = StrictJson.read(json);
        if (read.error() != null) {
            throw new IllegalArgumentException("thresholds are not valid JSON: " + read.error());
        }
        JsonNode root = read.root();
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
        Duration resolveAfter = duration(root, "resolveAfterMinutes", MINUTE, d.resolveAfter());
        ScoringTables scoring = scoring(root.get("scoring"), d.scoring());
        AlertTiming timing = new AlertTiming(
                duration(root, "escalateAfterMinutes", MINUTE, d.timing().escalateAfter()),
                duration(root, "cooldownMinutes", MINUTE, d.timing().cooldown()),
                duration(root, "noDataAfterMinutes", MINUTE, d.timing().noDataAfter()));
        return new Thresholds(trigger, resolveAfter, scoring, validity(root.get("validityMinutes"), d.validity()),
                window(root.get("window"), d.window()), trend(root.get("trend"), d.trend()), timing);
    }

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60_000;
    private static final List<String> WINDOW_KEYS =
            List.of("sizeSeconds", "slideSeconds", "allowedLatenessSeconds", "sustainSeconds");
    private static final List<String> TREND_KEYS =
            List.of("horizonMinutes", "news2Rise", "heartRateRisePer10Min", "spo2FallPer10Min");

    /** A non-negative number of {@code unit}s under {@code key}, or {@code base} when absent. */
    private static Duration duration(JsonNode parent, String key, long unit, Duration base) {
        return parent.hasNonNull(key) ? Duration.ofMillis(Math.round(number(parent, key, key) * unit)) : base;
    }

    private static double number(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (!n.isNumber() || n.doubleValue() < 0) {
            throw new IllegalArgumentException(path + " must be a number >= 0");
        }
        return n.doubleValue();
    }

    private static JsonNode section(JsonNode node, String name, List<String> known) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(name + " must be an object");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                throw new IllegalArgumentException(name + "." + k + " is not a setting; known: " + known);
            }
        });
        return node;
    }

    private static Validity validity(JsonNode node, Validity base) {
        List<String> names = Arrays.stream(Parameter.values()).map(Parameter::jsonName).toList();
        JsonNode v = section(node, "validityMinutes", names);
        if (v == null) {
            return base;
        }
        Map<Parameter, Duration> out = new EnumMap<>(base.byParameter());
        for (Parameter p : Parameter.values()) {
            if (v.hasNonNull(p.jsonName())) {
                out.put(p, Duration.ofMillis(
                        Math.round(number(v, p.jsonName(), "validityMinutes." + p.jsonName()) * MINUTE)));
            }
        }
        return new Validity(out);
    }

    private static WindowSettings window(JsonNode node, WindowSettings base) {
        JsonNode w = section(node, "window", WINDOW_KEYS);
        if (w == null) {
            return base;
        }
        try {
            return new WindowSettings(duration(w, "sizeSeconds", SECOND, base.size()),
                    duration(w, "slideSeconds", SECOND, base.slide()),
                    duration(w, "allowedLatenessSeconds", SECOND, base.allowedLateness()),
                    duration(w, "sustainSeconds", SECOND, base.sustain()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("window: " + e.getMessage(), e);
        }
    }

    private static TrendSettings trend(JsonNode node, TrendSettings base) {
        JsonNode t = section(node, "trend", TREND_KEYS);
        if (t == null) {
            return base;
        }
        try {
            return new TrendSettings(duration(t, "horizonMinutes", MINUTE, base.horizon()),
                    t.hasNonNull("news2Rise") ? (int) number(t, "news2Rise", "trend.news2Rise") : base.news2Rise(),
                    t.hasNonNull("heartRateRisePer10Min")
                    ? number(t, "heartRateRisePer10Min", "trend.heartRateRisePer10Min")
                            : base.heartRateRisePer10Min(),
                    t.hasNonNull("spo2FallPer10Min") ? number(t, "spo2FallPer10Min", "trend.spo2FallPer10Min")
                            : base.spo2FallPer10Min());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trend: " + e.getMessage(), e);
        }
    }

    public static byte[] toJson(Thresholds t) {
        ObjectNode root = Json.object();
        root.put("alertTrigger", t.alertTrigger().name());
        root.put("resolveAfterMinutes", t.resolveAfter().toMillis() / 60_000.0);
        root.put("escalateAfterMinutes", t.timing().escalateAfter().toMillis() / 60_000.0);
        root.put("cooldownMinutes", t.timing().cooldown().toMillis() / 60_000.0);
        root.put("noDataAfterMinutes", t.timing().noDataAfter().toMillis() / 60_000.0);
        ObjectNode validity = root.putObject("validityMinutes");
        for (Parameter p : Parameter.values()) {
            validity.put(p.jsonName(), t.validity().millis(p) / 60_000.0);
        }
        ObjectNode window = root.putObject("window");
        window.put("sizeSeconds", t.window().size().toMillis() / 1_000.0);
        window.put("slideSeconds", t.window().slide().toMillis() / 1_000.0);
        window.put("allowedLatenessSeconds", t.window().allowedLateness().toMillis() / 1_000.0);
        window.put("sustainSeconds", t.window().sustain().toMillis() / 1_000.0);
        ObjectNode trend = root.putObject("trend");
        trend.put("horizonMinutes", t.trend().horizon().toMillis() / 60_000.0);
        trend.put("news2Rise", t.trend().news2Rise());
        trend.put("heartRateRisePer10Min", t.trend().heartRateRisePer10Min());
        trend.put("spo2FallPer10Min", t.trend().spo2FallPer10Min());
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
                throw new IllegalArgumentException("scoring." + name + " is not a chart row; known: "
                        + TABLES.keySet());
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
                throw new IllegalArgumentException("scoring." + name
                        + ": each band needs an integer score and a numeric upTo (except the last)");
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
