package io.vitalstorm.core.news2;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An aggregate NEWS2 score with its parameter subscores. When parameters are missing the
 * aggregate covers only those present and {@link #incomplete()} is true: the true score can
 * only be higher. {@code carried} names the parameters scored from an earlier reading that was
 * still valid (see docs/clinical-engine.md); the others were measured by this reading.
 */
public record News2Score(int total, RiskBand band, Map<Parameter, Integer> subscores, Set<Parameter> carried) {

    public News2Score {
        EnumMap<Parameter, Integer> copy = new EnumMap<>(Parameter.class);
        copy.putAll(subscores);
        subscores = Collections.unmodifiableMap(copy);
        carried = carried.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(carried));
    }

    /** A score of one reading's own values. */
    public News2Score(int total, RiskBand band, Map<Parameter, Integer> subscores) {
        this(total, band, subscores, Set.of());
    }

    public News2Score withCarried(Set<Parameter> carriedParameters) {
        return new News2Score(total, band, subscores, carriedParameters);
    }

    public boolean incomplete() {
        return subscores.size() < Parameter.values().length;
    }

    public Set<Parameter> missing() {
        EnumSet<Parameter> missing = EnumSet.allOf(Parameter.class);
        missing.removeAll(subscores.keySet());
        return missing;
    }

    /** A "red score": any single parameter at 3 prompts an urgent ward-based response. */
    public boolean anySingleParameterScoredThree() {
        return subscores.containsValue(3);
    }
}
