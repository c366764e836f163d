package io.vitalstorm.core.news2;

/** The seven NEWS2 parameters, with the names used in JSON output. */
public enum Parameter {
    RESPIRATORY_RATE("respiratoryRate"),
    SPO2("spo2"),
    AIR_OR_OXYGEN("airOrOxygen"),
    SYSTOLIC_BP("systolicBp"),
    HEART_RATE("heartRate"),
    CONSCIOUSNESS("consciousness"),
    TEMPERATURE("temperature");

    private final String jsonName;

    Parameter(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Parameter fromJsonName(String name) {
        for (Parameter p : values()) {
            if (p.jsonName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown NEWS2 parameter: " + name);
    }
}
