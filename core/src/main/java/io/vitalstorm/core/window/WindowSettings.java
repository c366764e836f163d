package io.vitalstorm.core.window;

import java.time.Duration;

/**
 * Event-time windowing per patient: readings fall into buckets of {@code slide} length; a
 * bucket closes once readings {@code allowedLateness} past its end have arrived; a condition
 * must hold over {@code sustain} worth of consecutive buckets before it counts ("re-check
 * before notify").
 */
public record WindowSettings(Duration size, Duration slide, Duration allowedLateness, Duration sustain) {

    public static final WindowSettings DEFAULTS =
            new WindowSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(10),
                    Duration.ofSeconds(60));

    public WindowSettings {
        if (slide.compareTo(Duration.ofSeconds(1)) < 0 || size.compareTo(slide) < 0
                || size.toMillis() % slide.toMillis() != 0) {
            throw new IllegalArgumentException("slide must be at least 1 s and divide the window size");
        }
        if (allowedLateness.isNegative() || sustain.isNegative()) {
            throw new IllegalArgumentException("lateness and sustain must be >= 0");
        }
    }

    public int bucketsPerWindow() {
        return (int) (size.toMillis() / slide.toMillis());
    }

    /** Consecutive closed buckets a condition must hold for; at least one. */
    public int bucketsToSustain() {
        return (int) Math.max(1, (sustain.toMillis() + slide.toMillis() - 1) / slide.toMillis());
    }
}
