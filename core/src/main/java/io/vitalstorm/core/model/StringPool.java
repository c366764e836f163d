package io.vitalstorm.core.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per distinct value of a string that many patients share (a ward, a care team, a
 * doctor) but that every registry read or deserialised tuple brings as a new copy. At most
 * {@code maxShared} distinct values are pooled; beyond that a value is kept as given, so the pool
 * never grows without bound whatever the registry holds.
 */
public final class StringPool {

    private final int maxShared;
    private final Map<String, String> pool = new ConcurrentHashMap<>();

    public StringPool(int maxShared) {
        this.maxShared = maxShared;
    }

    /** The pooled instance equal to {@code s} (pooling it if there is room), or {@code s}; null stays null. */
    public String shared(String s) {
        if (s == null) {
            return null;
        }
        String held = pool.get(s);
        if (held != null) {
            return held;
        }
        if (pool.size() >= maxShared) {
            return s;
        }
        String previous = pool.putIfAbsent(s, s);
        return previous == null ? s : previous;
    }
}
