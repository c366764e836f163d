package io.vitalstorm.maintenance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The archive job's slots are UTC days ({@code 2026-10-23}): from {@code afterDays + catchUpDays - 1}
 * days ago to {@code afterDays} ago, so each day is exported once, when it is old enough, and a
 * leader that was away for less than {@code catchUpDays} still exports the days it missed.
 */
public record ArchiveDays(int afterDays, int catchUpDays) implements SlotSchedule {

    @Override
    public List<String> due(Instant now, Instant epoch) {
        LocalDate newest = now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(afterDays);
        List<String> out = new ArrayList<>();
        for (LocalDate d = newest.minusDays(catchUpDays - 1L); !d.isAfter(newest); d = d.plusDays(1)) {
            out.add(d.toString());
        }
        return out;
    }
}
