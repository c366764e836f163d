package io.vitalstorm.maintenance;

import java.time.Instant;
import java.util.List;

/** Which slots of a job are due. */
@FunctionalInterface
public interface SlotSchedule {

    /**
     * The slots to run by {@code now}, oldest first: a bounded window, so a slot older than the
     * window's start is never run (and its record may be forgotten). {@code epoch} is when
     * maintenance first ran in this installation.
     */
    List<String> due(Instant now, Instant epoch);
}
