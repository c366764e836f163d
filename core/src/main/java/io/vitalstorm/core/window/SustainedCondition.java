package io.vitalstorm.core.window;

/**
 * "Re-check before notify": a condition counts only after it has held in enough consecutive
 * closed buckets. One bucket without it starts the count again.
 */
public final class SustainedCondition {

    private final int needed;
    private int consecutive;

    public SustainedCondition(WindowSettings settings) {
        this.needed = settings.bucketsToSustain();
    }

    /** Feeds one closed bucket's verdict; true once the condition has been sustained. */
    public boolean observe(boolean holds) {
        consecutive = holds ? consecutive + 1 : 0;
        return consecutive >= needed;
    }
}
