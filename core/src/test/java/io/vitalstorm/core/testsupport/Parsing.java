package io.vitalstorm.core.testsupport;

import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.core.parse.ParseResult;
import io.vitalstorm.core.parse.Rejection;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real {@link ObservationParser} and unwraps the expected outcome. */
public final class Parsing {

    private static final ObservationParser PARSER = new ObservationParser();

    private Parsing() {
    }

    /** {@code {"patientId":"P1","ts":T0,<fields>}}: a valid identity around the fields under test. */
    public static String record(String fields) {
        return "{\"patientId\":\"P1\",\"ts\":" + Obs.T0 + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    public static ParseResult parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    public static ParseResult parse(byte[] bytes) {
        return PARSER.parse(bytes);
    }

    public static Observation valid(String json) {
        ParseResult result = parse(json);
        assertThat(result).as("parse of %s", json).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).observation();
    }

    public static Rejection rejected(String json) {
        return rejected(json.getBytes(StandardCharsets.UTF_8));
    }

    public static Rejection rejected(byte[] bytes) {
        ParseResult result = parse(bytes);
        assertThat(result).as("parse of %d bytes", bytes == null ? 0 : bytes.length)
                .isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) result).rejection();
    }
}
