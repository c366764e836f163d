package io.vitalstorm.core.model;

/**
 * NEWS2 SpO2 scale. Scale 2 is prescribed by a clinician for patients with confirmed
 * hypercapnic respiratory failure (target 88-92 %); everyone else is scored on scale 1.
 */
public enum Spo2Scale {
    SCALE_1(1), SCALE_2(2);

    private final int number;

    Spo2Scale(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static Spo2Scale of(int number) {
        return switch (number) {
            case 1 -> SCALE_1;
            case 2 -> SCALE_2;
            default -> throw new IllegalArgumentException("SpO2 scale must be 1 or 2, was " + number);
        };
    }
}
