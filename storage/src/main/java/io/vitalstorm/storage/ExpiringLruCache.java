package io.vitalstorm.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A small in-process cache in front of Redis: bounded (least recently used goes first) and
 * short-lived, so a registry change reaches every task within {@code ttlMillis}. Not
 * thread-safe; one per bolt task.
 */
public final class ExpiringLruCache<K, V> {

    private record Entry<V>(V value, long expiresAt) {
    }

    private final LinkedHashMap<K, Entry<V>> entries;
    private final long ttlMillis;
    private final LongSupplier clock;

    public ExpiringLruCache(int maxEntries, long ttlMillis, LongSupplier clock) {
        this.ttlMillis = ttlMillis;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public V get(K key, Function<K, V> load) {
        long now = clock.getAsLong();
        Entry<V> e = entries.get(key);
        if (e == null || e.expiresAt() <= now) {
            e = new Entry<>(load.apply(key), now + ttlMillis);
            entries.put(key, e);
        }
        return e.value();
    }

    /** Forgets every entry (the registry changed). */
    public void clear() {
        entries.clear();
    }

    public int size() {
        return entries.size();
    }
}
