package io.vitalstorm.core.parse;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** Reads an event time given as epoch milliseconds or as ISO-8601 with an offset. */
public final class EventTimes {

    /** Earlier than this is a device clock that was never set (1970) or a unit error. */
    static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    /** Later than this is almost certainly seconds-vs-micros confusion. */
    static final long LATEST = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    private EventTimes() {
    }

    public static OptionalLong parseIso(String text) {
        try {
            return OptionalLong.of(Instant.parse(text).toEpochMilli());
        } catch (DateTimeParseException notInstant) {
            try {
                return OptionalLong.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
            } catch (DateTimeParseException e) {
                return OptionalLong.empty();
            }
        }
    }

    /** A JSON event time: epoch milliseconds (an integer that fits a long) or ISO-8601 text; empty otherwise. */
    public static OptionalLong fromJson(JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return OptionalLong.of(n.longValue());
        }
        return n.isTextual() ? parseIso(n.textValue()) : OptionalLong.empty();
    }

    public static boolean plausible(long epochMillis) {
        return epochMillis >= EARLIEST && epochMillis < LATEST;
    }
}
