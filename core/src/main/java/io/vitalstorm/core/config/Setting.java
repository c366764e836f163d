package io.vitalstorm.core.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One declaration of a configuration key: its name, type, default, bounds or allowed values and
 * the sentence that documents it. Code reads the value through the declaration's {@code read},
 * which validates it; the reference in {@code docs/configuration.md} is checked against these
 * declarations by {@code ConfigurationDocsTest}, which fails when a row drifts from the code.
 */
public sealed interface Setting extends Serializable permits Setting.Whole, Setting.Text, Setting.Choice {

    String key();

    String doc();

    /** The default as it is put into a topology configuration. */
    Object defaultObject();

    /**
     * Its row in a four-column table of docs/configuration.md (key, default, bounds, doc; the bounds
     * empty unless a whole number), which the owning module's test finds in the file.
     */
    default String docRow() {
        String d = String.valueOf(defaultObject());
        return "| `" + key() + "` | " + (d.isEmpty() ? "(none)" : "`" + d + "`") + " |  | " + doc() + " |";
    }

    /** The keys of {@code settings} whose {@link #docRow} is not in {@code reference}, docs/configuration.md's text. */
    static List<String> undocumented(String reference, List<? extends Setting> settings) {
        return settings.stream().filter(s -> !reference.contains(s.docRow())).map(Setting::key).toList();
    }

    /** The defaults of {@code settings}, in order, for a topology configuration. */
    static Map<String, Object> defaults(List<? extends Setting> settings) {
        Map<String, Object> d = new LinkedHashMap<>();
        settings.forEach(s -> d.put(s.key(), s.defaultObject()));
        return java.util.Collections.unmodifiableMap(d);
    }

    private static Object raw(Map<String, ?> conf, Setting s) {
        return conf.containsKey(s.key()) ? conf.get(s.key()) : s.defaultObject();
    }

    /** A whole number within {@code min..max}. */
    record Whole(String key, long defaultValue, long min, long max, String doc) implements Setting {

        public Whole {
            if (defaultValue < min || defaultValue > max) {
                throw new IllegalArgumentException(key + ": default " + defaultValue + " outside " + min + ".." + max);
            }
        }

        @Override
        public Object defaultObject() {
            return defaultValue;
        }

        /** Its row in docs/configuration.md (key, default, bounds, doc), as ConfigurationDocsTest reads it. */
        @Override
        public String docRow() {
            return "| `" + key + "` | `" + defaultValue + "` | " + min + "–" + max + " | " + doc + " |";
        }

        /**
         * The value in {@code conf}, or the default; a value of the wrong type or out of bounds is
         * refused with the key named.
         */
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

        /** {@link #read} for keys whose values fit an {@code int} (bounds within int range). */
        public int readInt(Map<String, ?> conf) {
            return Math.toIntExact(read(conf));
        }
    }

    /** Free text (host lists, topic names, file paths); the empty string means "none". */
    record Text(String key, String defaultValue, String doc) implements Setting {

        @Override
        public Object defaultObject() {
            return defaultValue;
        }

        /** The value in {@code conf} as text (not stripped), or the default; null only if the map holds null. */
        public String read(Map<String, ?> conf) {
            Object v = raw(conf, this);
            return v == null ? null : v.toString();
        }

        /** {@link #read} stripped of surrounding white space, the empty string for null. */
        public String readStripped(Map<String, ?> conf) {
            Object v = raw(conf, this);
            return v == null ? "" : v.toString().strip();
        }
    }

    /**
     * One of a fixed set of values (protocols, modes, booleans). The owning settings class checks
     * the value against {@code values} with its own message, which names the key and the choices.
     */
    record Choice(String key, String defaultValue, List<String> values, String doc) implements Setting {

        public Choice {
            values = List.copyOf(values);
            if (!values.contains(defaultValue)) {
                throw new IllegalArgumentException(key + ": default " + defaultValue + " not among " + values);
            }
        }

        @Override
        public Object defaultObject() {
            return defaultValue;
        }

        /** The value in {@code conf} stripped, or the default (not yet checked against {@code values}). */
        public String read(Map<String, ?> conf) {
            Object v = raw(conf, this);
            return v == null ? "" : v.toString().strip();
        }

        /** {@code true}/{@code false}, any case. */
        public static Choice bool(String key, boolean defaultValue, String doc) {
            return new Choice(key, String.valueOf(defaultValue), List.of("true", "false"), doc);
        }
    }
}
