package io.vitalstorm.core.state;

/**
 * The latest value of each NEWS2 parameter (indexed by {@code Parameter.ordinal()}) as checkpointed:
 * when it was measured ({@link #NEVER} for never), the value, the hash of its source and when that
 * source last sent it. Arrays are owned by the snapshot: neither side changes them after handing over.
 */
public record VitalsState(long lastSeen, long[] measuredAt, float[] value, int[] source, long[] sentAt) {

    /** {@link #measuredAt} of a parameter never measured (nothing else of it is stored). */
    public static final long NEVER = Long.MIN_VALUE;
}
