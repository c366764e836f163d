package io.vitalstorm.core.parse;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.OptionalLong;

/**
 * Reads an event time given as epoch milliseconds or as ISO-8601 with an offset. Never throws:
 * hostile text (any length, any year ISO-8601 allows) gives a value or nothing.
 */
public final class EventTimes {

    /** Earlier than this is a device clock that was never set (1970) or a unit error. */
    static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    /** Later than this is almost certainly seconds-vs-micros confusion. */
    static final long LATEST = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    /** Longer than any ISO-8601 date-time with nanoseconds and an offset: not worth parsing. */
    private static final int MAX_ISO_LENGTH = 64;

    private EventTimes() {
    }

    /**
     * Epoch milliseconds of an ISO-8601 instant or offset date-time; empty when the text is not one.
     * An instant beyond the range of epoch milliseconds (year +999999999) saturates to
     * {@code Long.MIN_VALUE}/{@code Long.MAX_VALUE}, which {@link #plausible} refuses.
     */
    public static OptionalLong parseIso(String text) {
        if (text == null || text.length() > MAX_ISO_LENGTH) {
            return OptionalLong.empty();
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeException notInstant) {
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(saturatedMillis(instant));
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

    private static long saturatedMillis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException beyondLong) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
