package io.vitalstorm.core.vitals;

import io.vitalstorm.core.news2.Parameter;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long a parameter's last value may stand in for a new one. Wearables send heart rate and
 * SpO2 every second, a cuff measures pressure every 15-60 min, a nurse records temperature and
 * consciousness a few times a day: a value is usable while it is younger than its validity.
 */
public record Validity(Map<Parameter, Duration> byParameter) {

    public static final Validity DEFAULTS = new Validity(Map.of(
            Parameter.HEART_RATE, Duration.ofMinutes(5),
            Parameter.RESPIRATORY_RATE, Duration.ofMinutes(5),
            Parameter.SPO2, Duration.ofMinutes(5),
            Parameter.AIR_OR_OXYGEN, Duration.ofMinutes(60),
            Parameter.SYSTOLIC_BP, Duration.ofMinutes(60),
            Parameter.TEMPERATURE, Duration.ofHours(4),
            Parameter.CONSCIOUSNESS, Duration.ofHours(12)));

    public Validity {
        EnumMap<Parameter, Duration> copy = new EnumMap<>(Parameter.class);
        copy.putAll(byParameter);
        for (Parameter p : Parameter.values()) {
            Duration d = copy.get(p);
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("validity of " + p.jsonName() + " must be given and >= 0");
            }
        }
        byParameter = Map.copyOf(copy);
    }

    public long millis(Parameter p) {
        return byParameter.get(p).toMillis();
    }
}
