package io.tierblog.web;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Values by key, least recently used first out, within a budget of bytes that {@code weigher}
 * counts for each value (0 keeps nothing). A {@link LinkedHashMap} in access order under one
 * lock: every operation is O(1) (eviction O(1) per entry evicted) and holds the lock for a few
 * map operations only; nothing is computed under it.
 */
final class BytesBoundedLru<K, V> {
    private final String name;
    private final long budget;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<K, V> byKey = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    /** {@code name} is the property that set the budget, for the message when it is negative. */
    BytesBoundedLru(String name, long budget, ToLongFunction<V> weigher) {
        if (budget < 0) {
            throw new IllegalArgumentException(name + " is a number of bytes, 0 or more; got " + budget);
        }
        this.name = name;
        this.budget = budget;
        this.weigher = weigher;
    }

    /** The value kept for {@code key}, now the most recently used, or null. */
    synchronized V get(K key) {
        return byKey.get(key);
    }

    /**
     * Keeps {@code value} in the place of whatever {@code key} held, then drops the least recently
     * used entries until the budget holds. A value larger than the whole budget is not kept (and
     * what the key held is dropped).
     */
    void put(K key, V value) {
        long size = weigher.applyAsLong(value);
        synchronized (this) {
            V replaced = byKey.remove(key);
            if (replaced != null) {
                bytes -= weigher.applyAsLong(replaced);
            }
            if (size > budget) {
                return;
            }
            byKey.put(key, value);
            bytes += size;
            Iterator<Map.Entry<K, V>> eldest = byKey.entrySet().iterator();
            while (bytes > budget) {
                bytes -= weigher.applyAsLong(eldest.next().getValue());
                eldest.remove();
            }
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return byKey.size();
    }

    long budget() {
        return budget;
    }

    @Override
    public String toString() {
        return name;
    }
}
