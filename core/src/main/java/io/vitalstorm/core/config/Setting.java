package io.vitalstorm.core.config;

import java.io.Serializable;
import java.util.Map;

/**
 * One declaration of a configuration key: its name, type, default, bounds and the sentence that
 * documents it. Code reads the value through {@link #read}, which validates it; the reference
 * in {@code docs/configuration.md} is checked against these declarations by a test.
 */
public record Setting(String key, long defaultValue, long min, long max, String doc) implements Serializable {

    public Setting {
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " outside " + min + ".." + max);
        }
    }

    /** Its row in docs/configuration.md (key, default, bounds, doc), which ConfigurationDocsTest looks for. */
    public String docRow() {
        return "| `" + key + "` | `" + defaultValue + "` | " + min + "–" + max + " | " + doc + " |";
    }

    /** The value in {@code conf}, or the default; a value of the wrong type or out of bounds is refused with the key named. */
    public long read(Map<String, ?> conf) {
        Object v = conf.get(key);
        if (v == null) {
            return defaultValue;
        }
        long n;
        if (v instanceof Number num) {
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
            }
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }
}
