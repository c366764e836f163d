package io.vitalstorm.bench.measure;

/**
 * Which readings count: those measured in [from, to] (epoch ms), so warm-up and drain are left
 * out. Closed (nothing counts) until set; set by the bench thread, read by a probe thread.
 */
final class MeasurementWindow {

    private volatile long from = Long.MAX_VALUE;
    private volatile long to = Long.MIN_VALUE;

    void set(long fromMs, long toMs) {
        to = toMs;
        from = fromMs;
    }

    boolean contains(long readingTs) {
        return readingTs >= from && readingTs <= to;
    }
}
