package io.vitalstorm.topology.cli;

import picocli.CommandLine.Option;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code -c key=value ...}: single keys over the config file, for SubmitCommand and the bench. */
public final class ConfigOverrides {

    @Option(names = "-c", paramLabel = "key=value",
            description = "one topology or vitalstorm.* key over the file (numbers and booleans typed as in YAML);"
                    + " repeatable")
    private Map<String, String> pairs = new LinkedHashMap<>();

    /** The keys in the order given, their values typed. */
    public Map<String, Object> values() {
        Map<String, Object> typed = new LinkedHashMap<>();
        pairs.forEach((k, v) -> typed.put(k, scalar(v)));
        return Collections.unmodifiableMap(typed);
    }

    /**
     * Storm's config validators want numbers and booleans typed, as in the YAML file: "-c
     * topology.message.timeout.secs=30" must arrive as the integer 30, not the string "30".
     */
    public static Object scalar(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.matches("-?\\d{1,18}")) {
            long n = Long.parseLong(text);
            return n == (int) n ? (Object) (int) n : (Object) n;
        }
        if (text.matches("-?\\d+\\.\\d+")) {
            return Double.valueOf(text);
        }
        return text;
    }
}
