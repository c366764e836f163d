package io.vitalstorm.core.state;

import java.util.List;

/**
 * A patient's event-time window as checkpointed. Closed buckets oldest first: start (in slides
 * since the epoch), readings, and three medians each (tenths, {@code Short.MIN_VALUE} when absent,
 * in {@code closedMedians} three per bucket). Open buckets in start order.
 */
public record WindowState(long maxTs, long closedUpTo, int lateReadings, int[] closedStart, short[] closedReadings,
                          short[] closedMedians, List<OpenBucket> open) {

    /**
     * An open bucket: its start, readings, raw samples (three bytes a reading), device table (null
     * entries allowed) and reading identities; format 3 and older kept no devices and identities (empty).
     */
    public record OpenBucket(long start, int readings, byte[] samples, String[] devices, int[] ids) {
    }
}
