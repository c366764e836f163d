package io.vitalstorm.registrysync;

import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hospital row → registry profile, by the column mapping of {@link RegistrySqlSettings}. Age comes
 * from an age column or, failing that, from the birth date as of {@code today}. A row that cannot
 * make a valid profile (no id, an SpO2 scale that is not 1 or 2, an age out of range, a date that
 * is not a date) is refused with the reason, never guessed at.
 */
public final class ProfileRowMapper {

    private final RegistrySqlSettings settings;

    public ProfileRowMapper(RegistrySqlSettings settings) {
        this.settings = settings;
    }

    public MappedRow map(SqlRow row, LocalDate today) {
        Instant updated = null;
        String id = null;
        try {
            updated = settings.incremental()
                    ? instant(row.get(settings.updatedColumn()), settings.updatedColumn()) : null;
            id = text(row, "id");
            if (id == null || id.isBlank()) {
                return new MappedRow.Malformed("row " + row.number(),
                        "no patient id in column " + settings.column("id"), updated);
            }
            Integer age = age(row, today);
            String ward = text(row, "ward");
            PatientProfile profile = new PatientProfile(id, text(row, "name"), age,
                    ward == null || ward.isBlank() ? PatientProfile.UNKNOWN_WARD : ward, text(row, "care.team"),
                    text(row, "doctor"), scale(row), text(row, "contact"));
            Map<String, String> ids = new LinkedHashMap<>();
            settings.identifiers().forEach((system, column) -> {
                Object v = row.get(column);
                if (v != null) {
                    ids.put(system, String.valueOf(v).trim());
                }
            });
            return new MappedRow.Patient(profile, ids, updated, deleted(row));
        } catch (IllegalArgumentException e) {
            return new MappedRow.Malformed("row " + row.number() + (id == null ? "" : " (patient " + id + ")"),
                    e.getMessage(), updated);
        }
    }

    private String text(SqlRow row, String field) {
        Object v = row.get(settings.column(field));
        return v == null ? null : String.valueOf(v).trim();
    }

    private Integer age(SqlRow row, LocalDate today) {
        Object v = row.get(settings.column("age"));
        Integer age;
        if (v != null) {
            try {
                age = v instanceof Number n ? Integer.valueOf(n.intValue()) : Integer.valueOf(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("age '" + v + "' is not a whole number");
            }
        } else {
            Object birth = row.get(settings.column("birth.date"));
            if (birth == null) {
                return null;
            }
            LocalDate born = date(birth);
            age = Period.between(born, today).getYears();
        }
        if (age < 0 || age > 130) {
            throw new IllegalArgumentException("age " + age + " is outside 0..130");
        }
        return age;
    }

    private Spo2Scale scale(SqlRow row) {
        Object v = row.get(settings.column("spo2.scale"));
        if (v == null) {
            return Spo2Scale.SCALE_1;
        }
        String s = String.valueOf(v).trim();
        if (s.equals("1") || s.equals("2")) {
            return Spo2Scale.of(Integer.parseInt(s));
        }
        throw new IllegalArgumentException("SpO2 scale '" + s + "' is neither 1 nor 2");
    }

    private boolean deleted(SqlRow row) {
        Object v = row.get(settings.column("deleted"));
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase(java.util.Locale.ROOT);
        return s.equals("true") || s.equals("t") || s.equals("1") || s.equals("y") || s.equals("yes");
    }

    static Instant instant(Object v, String column) {
        if (v == null) {
            throw new IllegalArgumentException("no update time in column " + column);
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof Instant i) {
            return i;
        }
        throw new IllegalArgumentException("update time '" + v + "' in column " + column + " is not a timestamp");
    }

    private static LocalDate date(Object v) {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        try {
            return LocalDate.parse(String.valueOf(v).trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("birth date '" + v + "' is not a date (YYYY-MM-DD)");
        }
    }
}
