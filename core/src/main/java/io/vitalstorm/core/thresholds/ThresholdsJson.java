package io.vitalstorm.core.thresholds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads and writes the thresholds JSON document, bound to {@link ThresholdsDocument} by a strict
 * Jackson binder and validated in one place ({@code resolve}). Absent keys take the values of a base (the
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
        ThresholdsDocument doc;
        try {
            doc = BINDER.treeToValue(root, ThresholdsDocument.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(refusal(e), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("thresholds: " + e.getOriginalMessage(), e);
        }
        return resolve(doc, base);
    }

    /**
     * Binds strictly: a number is a JSON number (never a string or boolean), a score a whole number,
     * a section's unknown key an error.
     */
    private static final ObjectMapper BINDER = binder();

    private static ObjectMapper binder() {
        ObjectMapper m = JsonMapper.builder().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        for (LogicalType type : List.of(LogicalType.Float, LogicalType.Integer)) {
            m.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        return m;
    }

    /** What a binding error means, named by the key it is under (the messages of the validation below). */
    private static String refusal(JsonMappingException e) {
        List<String> path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "#" + r.getIndex()).toList();
        String key = path.isEmpty() ? "" : path.get(0);
        boolean unknown = e instanceof UnrecognizedPropertyException;
        if (path.size() == 1) {
            return switch (key) {
                case "alertTrigger" -> TRIGGER;
                case "scoring" -> "scoring must be an object of chart rows";
                case "validityMinutes", "window", "trend" -> key + " must be an object";
                default -> notANumber(key);
            };
        }
        String sub = path.get(1);
        return switch (key) {
            case "window" -> unknown ? notASetting("window", sub, ThresholdsDocument.WINDOW_KEYS)
                    : "window: " + notANumber(sub);
            case "trend" -> unknown ? notASetting("trend", sub, ThresholdsDocument.TREND_KEYS)
                    : "trend: " + notANumber(trendPath(sub));
            case "validityMinutes" -> PARAMETER_NAMES.contains(sub) ? notANumber("validityMinutes." + sub)
                    : notASetting("validityMinutes", sub, PARAMETER_NAMES);
            case "scoring" -> !TABLES.containsKey(sub) ? notAChartRow(sub)
                    : path.size() == 2 ? "scoring." + sub + " must be an array of {upTo, score}" : badBand(sub);
            default -> "thresholds: " + e.getOriginalMessage();
        };
    }

    private static final List<String> PARAMETER_NAMES =
            Arrays.stream(Parameter.values()).map(Parameter::jsonName).toList();
    private static final String TRIGGER = "alertTrigger must be LOW_MEDIUM, MEDIUM or HIGH";

    private static String notANumber(String path) {
        return path + " must be a number >= 0";
    }

    private static String notASetting(String section, String key, List<String> known) {
        return section + "." + key + " is not a setting; known: " + known;
    }

    private static String notAChartRow(String name) {
        return "scoring." + name + " is not a chart row; known: " + TABLES.keySet();
    }

    private static String badBand(String row) {
        return "scoring." + row + ": each band needs an integer score and a numeric upTo (except the last)";
    }

    /** How trend keys are named in errors: the horizon by its key, the limits by their path. */
    private static String trendPath(String key) {
        return key.equals("horizonMinutes") ? key : "trend." + key;
    }

    /** The one place a bound document is checked and laid over {@code base}. */
    private static Thresholds resolve(ThresholdsDocument doc, Thresholds base) {
        RiskBand trigger = base.alertTrigger();
        if (doc.alertTrigger() != null) {
            try {
                trigger = RiskBand.valueOf(doc.alertTrigger());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(TRIGGER);
            }
        }
        Duration resolveAfter = duration(doc.resolveAfterMinutes(), "resolveAfterMinutes", MINUTE, base.resolveAfter());
        ScoringTables scoring = scoring(doc.scoring(), base.scoring());
        AlertTiming timing = new AlertTiming(
                duration(doc.escalateAfterMinutes(), "escalateAfterMinutes", MINUTE, base.timing().escalateAfter()),
                duration(doc.cooldownMinutes(), "cooldownMinutes", MINUTE, base.timing().cooldown()),
                duration(doc.noDataAfterMinutes(), "noDataAfterMinutes", MINUTE, base.timing().noDataAfter()));
        return new Thresholds(trigger, resolveAfter, scoring, validity(doc.validityMinutes(), base.validity()),
                window(doc.window(), base.window()), trend(doc.trend(), base.trend()), timing);
    }

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60_000;

    /** A non-negative number of {@code unit}s, or {@code base} when absent. */
    private static Duration duration(Double value, String path, long unit, Duration base) {
        return value == null ? base : Duration.ofMillis(Math.round(number(value, path) * unit));
    }

    private static double number(Double value, String path) {
        if (value < 0) {
            throw new IllegalArgumentException(notANumber(path));
        }
        return value;
    }

    private static Validity validity(Map<String, Double> v, Validity base) {
        if (v == null) {
            return base;
        }
        v.keySet().forEach(k -> {
            if (!PARAMETER_NAMES.contains(k)) {
                throw new IllegalArgumentException(notASetting("validityMinutes", k, PARAMETER_NAMES));
            }
        });
        Map<Parameter, Duration> out = new EnumMap<>(base.byParameter());
        for (Parameter p : Parameter.values()) {
            Double minutes = v.get(p.jsonName());
            if (minutes != null) {
                out.put(p, Duration.ofMillis(Math.round(number(minutes, "validityMinutes." + p.jsonName()) * MINUTE)));
            }
        }
        return new Validity(out);
    }

    private static WindowSettings window(ThresholdsDocument.Window w, WindowSettings base) {
        if (w == null) {
            return base;
        }
        try {
            return new WindowSettings(duration(w.sizeSeconds(), "sizeSeconds", SECOND, base.size()),
                    duration(w.slideSeconds(), "slideSeconds", SECOND, base.slide()),
                    duration(w.allowedLatenessSeconds(), "allowedLatenessSeconds", SECOND, base.allowedLateness()),
                    duration(w.sustainSeconds(), "sustainSeconds", SECOND, base.sustain()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("window: " + e.getMessage(), e);
        }
    }

    private static TrendSettings trend(ThresholdsDocument.Trend t, TrendSettings base) {
        if (t == null) {
            return base;
        }
        try {
            return new TrendSettings(duration(t.horizonMinutes(), trendPath("horizonMinutes"), MINUTE, base.horizon()),
                    t.news2Rise() != null ? (int) number(t.news2Rise(), trendPath("news2Rise")) : base.news2Rise(),
                    t.heartRateRisePer10Min() != null
                            ? number(t.heartRateRisePer10Min(), trendPath("heartRateRisePer10Min"))
                            : base.heartRateRisePer10Min(),
                    t.spo2FallPer10Min() != null ? number(t.spo2FallPer10Min(), trendPath("spo2FallPer10Min"))
                            : base.spo2FallPer10Min());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trend: " + e.getMessage(), e);
        }
    }

    /** The whole document for {@code t}: every key, the chart rows by name, written from {@link ThresholdsDocument}. */
    public static byte[] toJson(Thresholds t) {
        Map<String, Double> validity = new LinkedHashMap<>();
        for (Parameter p : Parameter.values()) {
            validity.put(p.jsonName(), t.validity().millis(p) / (double) MINUTE);
        }
        WindowSettings w = t.window();
        TrendSettings trend = t.trend();
        Map<String, List<ThresholdsDocument.Band>> scoring = new TreeMap<>();
        TABLES.forEach((name, row) -> scoring.put(name, row.apply(t.scoring()).bands().stream()
                .map(b -> new ThresholdsDocument.Band(b.upTo(), b.score())).toList()));
        return Json.bytes(new ThresholdsDocument(t.alertTrigger().name(), minutes(t.resolveAfter()),
                minutes(t.timing().escalateAfter()), minutes(t.timing().cooldown()), minutes(t.timing().noDataAfter()),
                validity,
                new ThresholdsDocument.Window(seconds(w.size()), seconds(w.slide()), seconds(w.allowedLateness()),
                        seconds(w.sustain())),
                new ThresholdsDocument.Trend(minutes(trend.horizon()), (double) trend.news2Rise(),
                        trend.heartRateRisePer10Min(), trend.spo2FallPer10Min()),
                scoring));
    }

    private static double minutes(Duration d) {
        return d.toMillis() / (double) MINUTE;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / (double) SECOND;
    }

    private static ScoringTables scoring(Map<String, List<ThresholdsDocument.Band>> rows, ScoringTables defaults) {
        if (rows == null) {
            return defaults;
        }
        rows.keySet().forEach(name -> {
            if (!TABLES.containsKey(name)) {
                throw new IllegalArgumentException(notAChartRow(name));
            }
        });
        return new ScoringTables(
                table(rows, "respiratoryRate", defaults),
                table(rows, "spo2Scale1", defaults),
                table(rows, "spo2Scale2OnAir", defaults),
                table(rows, "spo2Scale2OnOxygen", defaults),
                table(rows, "systolicBp", defaults),
                table(rows, "heartRate", defaults),
                table(rows, "temperature", defaults));
    }

    private static ScoreTable table(Map<String, List<ThresholdsDocument.Band>> rows, String name,
                                    ScoringTables defaults) {
        ScoreTable fallback = TABLES.get(name).apply(defaults);
        if (!rows.containsKey(name)) {
            return fallback;
        }
        List<ThresholdsDocument.Band> row = rows.get(name);
        if (row == null) {
            throw new IllegalArgumentException("scoring." + name + " must be an array of {upTo, score}");
        }
        List<ScoreTable.Band> bands = new ArrayList<>();
        for (ThresholdsDocument.Band b : row) {
            if (b == null || b.upToNull() || b.score() == null || b.score() != b.score().intValue()) {
                throw new IllegalArgumentException(badBand(name));
            }
            bands.add(new ScoreTable.Band(b.upTo(), b.score().intValue()));
        }
        try {
            return new ScoreTable(bands, fallback.resolution());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scoring." + name + ": " + e.getMessage(), e);
        }
    }
}
