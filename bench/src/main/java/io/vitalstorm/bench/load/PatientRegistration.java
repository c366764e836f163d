package io.vitalstorm.bench.load;

import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.redis.ProfileCache;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Puts the ward's registered patients into the Cassandra registry and warms the Redis profile
 * cache for every patient (registered or not), a few writers in parallel: runs then measure the
 * steady state, not a cold cache.
 */
public final class PatientRegistration {

    private static final int WRITERS = 16;

    private PatientRegistration() {
    }

    /** Registers patients {@code from} (inclusive) to {@code to} (exclusive); returns how many were registered. */
    public static int register(PatientRegistry registry, ProfileCache cache, int from, int to) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Integer>> parts = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int first = from + w;
                parts.add(pool.submit(() -> {
                    int n = 0;
                    for (int p = first; p < to; p += WRITERS) {
                        if (WardStream.registered(p)) {
                            registry.save(WardStream.profile(p));
                            cache.put(WardStream.patientId(p), Optional.of(WardStream.profile(p)));
                            n++;
                        } else {
                            cache.put(WardStream.patientId(p), Optional.empty());
                        }
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> part : parts) {
                total += part.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
