package io.vitalstorm.core.thresholds;

import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;

import java.util.List;
import java.util.Map;

/**
 * The thresholds JSON document as Jackson binds and writes it ({@link ThresholdsJson} configures the
 * binding and validates). Every key is optional: null (absent or JSON null) keeps the value of the base.
 * Unknown top-level keys are ignored (room for annotations); the sections know their keys.
 * {@code validityMinutes} is keyed by parameter, {@code scoring} by chart row: their keys are
 * checked against the parameters and rows.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ThresholdsDocument(String alertTrigger, Double resolveAfterMinutes, Double escalateAfterMinutes,
                          Double cooldownMinutes, Double noDataAfterMinutes, Map<String, Double> validityMinutes,
                          Window window, Trend trend, Map<String, List<Band>> scoring) {

    static final List<String> WINDOW_KEYS =
            List.of("sizeSeconds", "slideSeconds", "allowedLatenessSeconds", "sustainSeconds");
    static final List<String> TREND_KEYS =
            List.of("horizonMinutes", "news2Rise", "heartRateRisePer10Min", "spo2FallPer10Min");

    /** Keys as in {@link #WINDOW_KEYS}. */
    record Window(Double sizeSeconds, Double slideSeconds, Double allowedLatenessSeconds, Double sustainSeconds) {
    }

    /** Keys as in {@link #TREND_KEYS}; {@code news2Rise} is truncated to a whole number, and written as one. */
    record Trend(Double horizonMinutes, @JsonSerialize(converter = Whole.class) Double news2Rise,
                 Double heartRateRisePer10Min, Double spo2FallPer10Min) {
    }

    /** Writes a whole number as one ({@code 2}, not {@code 2.0}). */
    static final class Whole extends StdConverter<Double, Long> {
        @Override
        public Long convert(Double value) {
            return value.longValue();
        }
    }

    /**
     * One band of a chart row: scores up to {@code upTo} inclusive; without {@code upTo} the
     * open-ended last band (an explicit null is no limit: refused). Other keys are ignored. Written
     * as {@code {"upTo":..,"score":..}}, the last band without {@code upTo}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"upTo", "score"})
    static final class Band {
        private Double upTo;
        private boolean upToNull;
        @JsonProperty
        private Long score;

        Band() {
        }

        Band(Double upTo, long score) {
            this.upTo = upTo;
            this.score = score;
        }

        @JsonSetter("upTo")
        void upTo(Double v) {
            upTo = v;
            upToNull = v == null;
        }

        @JsonGetter("upTo")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Double upTo() {
            return upTo;
        }

        Long score() {
            return score;
        }

        /** True when the band says {@code "upTo": null}. */
        boolean upToNull() {
            return upToNull;
        }
    }
}
