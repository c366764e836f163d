package io.vitalstorm.bench.load;

/**
 * Offers a fixed rate of live ward records for a fixed time: {@code patients} patients, each
 * sending at {@code rate / patients} Hz, event time = now. Records are sent in 10 ms slices so
 * the offered load is smooth, not bursts once a second.
 */
public final class RateProducer {

    private static final long SLICE_MS = 10;

    private RateProducer() {
    }

    /** Sends for {@code durationMs}; returns the records sent (junk and extra device records included). */
    public static long offer(BenchProducer producer, int patients, double recordsPerSecond, long durationMs)
            throws InterruptedException {
        long before = producer.sent();
        long start = System.currentTimeMillis();
        double perSlice = recordsPerSecond * SLICE_MS / 1000.0;
        double owed = 0;
        long readings = 0;
        for (long slice = 0; slice * SLICE_MS < durationMs; slice++) {
            long due = start + slice * SLICE_MS;
            long wait = due - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            owed += perSlice;
            long now = System.currentTimeMillis();
            while (owed >= 1) {
                int patient = (int) (readings % patients);
                // a patient's "second" counts its own readings, so cuff and nurse records come at their usual share
                producer.send(patient, readings / patients, now);
                readings++;
                owed--;
            }
        }
        producer.flush();
        return producer.sent() - before;
    }
}
