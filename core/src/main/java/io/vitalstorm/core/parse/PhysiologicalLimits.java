package io.vitalstorm.core.parse;

/**
 * The range a measurement can take in a living patient with a working sensor. A value outside
 * it is a device or transmission fault, not a clinical finding, so it is refused (and kept on
 * the dead-letter topic) rather than scored.
 */
public enum PhysiologicalLimits {
    HEART_RATE("heartRate", 20, 300, "bpm"),
    RESPIRATORY_RATE("respiratoryRate", 1, 80, "breaths/min"),
    SPO2("spo2", 50, 100, "%"),
    SYSTOLIC_BP("systolicBp", 40, 300, "mmHg"),
    TEMPERATURE("temperature", 25, 45, "°C");

    private final String field;
    private final double min;
    private final double max;
    private final String unit;

    PhysiologicalLimits(String field, double min, double max, String unit) {
        this.field = field;
        this.min = min;
        this.max = max;
        this.unit = unit;
    }

    public String field() {
        return field;
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    public String describe(double value) {
        return field + " " + format(value) + " outside " + format(min) + ".." + format(max) + " " + unit;
    }

    private static String format(double v) {
        // (long) of 1e20 or Infinity would print 9223372036854775807
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
