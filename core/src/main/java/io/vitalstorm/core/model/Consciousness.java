package io.vitalstorm.core.model;

import java.util.Locale;
import java.util.Optional;

/** ACVPU level of consciousness, as recorded on the NEWS2 chart. */
public enum Consciousness {
    ALERT('A'), NEW_CONFUSION('C'), VOICE('V'), PAIN('P'), UNRESPONSIVE('U');

    private final char code;

    Consciousness(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    public static Optional<Consciousness> fromCode(String text) {
        if (text == null || text.length() != 1) {
            return Optional.empty();
        }
        char c = text.toUpperCase(Locale.ROOT).charAt(0);
        for (Consciousness level : values()) {
            if (level.code == c) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
