package io.vitalstorm.web;

import io.vitalstorm.core.parse.EventTimes;
import io.vitalstorm.core.parse.ObservationParser;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** Reads and checks request parameters; anything wrong becomes a 400 that says what was expected. */
final class Params {

    private Params() {
    }

    static String patientId(String id) {
        if (id == null || !ObservationParser.isValidId(id)) {
            throw ApiError.badRequest("patient id must be 1-64 of [A-Za-z0-9._:-]");
        }
        return id;
    }

    /** Epoch milliseconds, ISO-8601 instant or date-time with offset, or a date (midnight UTC). */
    static Instant time(String name, String text) {
        if (text == null || text.isBlank() || text.length() > 40) {
            throw ApiError.badRequest(name + " must be a time (ISO-8601 or epoch ms)");
        }
        OptionalLong ms = OptionalLong.empty();
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 15) {
            ms = OptionalLong.of(Long.parseLong(text));
        } else {
            ms = EventTimes.parseIso(text);
            if (ms.isEmpty()) {
                try {
                    ms = OptionalLong.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
                } catch (DateTimeParseException e) {
                    ms = OptionalLong.empty();
                }
            }
        }
        if (ms.isEmpty() || !EventTimes.plausible(ms.getAsLong())) {
            throw ApiError.badRequest(name + " '" + text
                    + "' is not a time between 2000 and 2100 (ISO-8601 with an offset, a date, or epoch ms)");
        }
        return Instant.ofEpochMilli(ms.getAsLong());
    }

    static int integer(String name, String text, int fallback, int min, int max) {
        if (text == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v < min || v > max) {
                throw ApiError.badRequest(name + " must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a whole number between " + min + " and " + max);
        }
    }

    /** A named range ending now (hour, day, week, month, year) or explicit from/to. */
    static Instant[] range(String named, String from, String to, Duration maxRange, Instant now) {
        Instant end;
        Instant start;
        if (named != null) {
            Duration d = switch (named) {
                case "hour" -> Duration.ofHours(1);
                case "6h" -> Duration.ofHours(6);
                case "day" -> Duration.ofDays(1);
                case "week" -> Duration.ofDays(7);
                case "month" -> Duration.ofDays(31);
                case "year" -> Duration.ofDays(366);
                default -> throw ApiError.badRequest("range must be hour, 6h, day, week, month or year");
            };
            end = now;
            start = now.minus(d);
        } else {
            end = to == null ? now : time("to", to);
            start = from == null ? end.minus(Duration.ofHours(1)) : time("from", from);
        }
        if (!end.isAfter(start)) {
            throw ApiError.badRequest("the range must end after it starts");
        }
        if (Duration.between(start, end).compareTo(maxRange) > 0) {
            throw ApiError.badRequest("the range is longer than " + maxRange.toDays() + " days; ask for less");
        }
        return new Instant[] {start, end};
    }
}
