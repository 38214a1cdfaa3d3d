package org.transferable.backend;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.transferable.data.LabelledImages;
import org.transferable.spec.InputShape;
import org.transferable.spec.LayerSpec;

/**
 * Outputs of frozen layers kept between fits of one backend instance, so that the cells of a study that freeze the
 * same first layers of the same base network on the same training set compute those layers' outputs once. Each
 * backend stores its own kind of value (an off-heap array, a Java array); this class only finds, bounds and evicts.
 *
 * <p><b>Key.</b> An entry is found by what determines its values: the training images (by identity, held weakly,
 * so an entry dies with its data set), the input shape and the specs of layers 1..m, a digest of those layers'
 * parameters, and how the backend computed them (e.g. which kernels). Two transfers from the same base with the
 * same n have equal digests however they were made; a base trained further has a different one.
 *
 * <p><b>Bound.</b> The entries together hold at most {@link #maxBytes()} bytes; storing one evicts the least
 * recently used until it fits, and an entry larger than the whole budget is not stored (the backend then trains the
 * full network and says so in its log). A value must not hold its training images strongly, or the entry could
 * never be dropped. Thread-safe; two threads that miss on the same key both compute it.
 *
 * @param <V> the cached value
 */
public final class PrefixCache<V> {
    /**
     * System property that backends read for their default budget: a number of bytes, at least 0 (0 turns caching
     * off). Unset: a quarter of the maximum heap size.
     */
    public static final String MAX_BYTES_PROPERTY = "transferable.prefixCache.maxBytes";

    private final long maxBytes;
    private final ToLongFunction<V> sizer;
    private final LinkedHashMap<Key, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    /**
     * @param maxBytes budget for all entries together, at least 0 (0 keeps nothing)
     * @param sizer the bytes a value holds
     * @throws IllegalArgumentException when the budget is negative
     */
    public PrefixCache(long maxBytes, ToLongFunction<V> sizer) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("prefix cache budget must not be negative, got " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
        this.sizer = Objects.requireNonNull(sizer, "sizer");
    }

    /**
     * The budget a backend uses by default.
     *
     * @return the value of {@value #MAX_BYTES_PROPERTY}, or a quarter of the maximum heap size when unset
     * @throws IllegalArgumentException when the property is set but not a number of bytes &gt;= 0
     */
    public static long defaultBudget() {
        return budget(System.getProperty(MAX_BYTES_PROPERTY));
    }

    /**
     * Parses a budget.
     *
     * @param property the property's value, or null when unset
     * @return the budget in bytes; a quarter of the maximum heap size for null
     * @throws IllegalArgumentException when not a number of bytes &gt;= 0
     */
    public static long budget(String property) {
        if (property == null) {
            return Runtime.getRuntime().maxMemory() / 4;
        }
        try {
            long value = Long.parseLong(property.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + MAX_BYTES_PROPERTY
                + " must be a number of bytes >= 0, got '" + property + "'");
    }

    /** @return the budget in bytes */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * The value stored under a key, counting a hit or a miss.
     *
     * @param key what determines the value
     * @return the value, or empty
     */
    public synchronized Optional<V> get(Key key) {
        expungeCollected();
        V value = entries.get(key);
        if (value == null) {
            misses++;
        } else {
            hits++;
        }
        return Optional.ofNullable(value);
    }

    /**
     * Stores a value, evicting least recently used entries until it fits; a value larger than the budget is not
     * stored.
     *
     * @param key what determines the value
     * @param value the value
     * @return whether it was stored
     */
    public synchronized boolean put(Key key, V value) {
        expungeCollected();
        V previous = entries.remove(key);
        if (previous != null) {
            bytes -= sizer.applyAsLong(previous);
        }
        long size = sizer.applyAsLong(value);
        if (size > maxBytes) {
            return false;
        }
        Iterator<V> eldestFirst = entries.values().iterator();
        while (bytes + size > maxBytes) {
            bytes -= sizer.applyAsLong(eldestFirst.next());
            eldestFirst.remove();
        }
        entries.put(key, value);
        bytes += size;
        return true;
    }

    /** @return bytes held by the entries */
    public synchronized long bytes() {
        return bytes;
    }

    /** @return number of entries whose images are still alive */
    public synchronized int size() {
        expungeCollected();
        return entries.size();
    }

    /** @return lookups that found an entry */
    public synchronized long hits() {
        return hits;
    }

    /** @return lookups that found none */
    public synchronized long misses() {
        return misses;
    }

    private void expungeCollected() {
        for (Iterator<Map.Entry<Key, V>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, V> entry = it.next();
            if (entry.getKey().images().get() == null) {
                bytes -= sizer.applyAsLong(entry.getValue());
                it.remove();
            }
        }
    }

    /**
     * What determines a prefix's outputs.
     *
     * @param images the training images, compared by identity and held weakly
     * @param input the network's input shape
     * @param prefix the specs of layers 1..m
     * @param parameterDigest a digest of layers 1..m's parameters
     * @param computedBy how the backend computed the outputs (kernels, settings that change bits)
     * @return the key
     */
    public static Key key(LabelledImages images, InputShape input, List<LayerSpec> prefix, String parameterDigest,
            String computedBy) {
        return new Key(new IdentityWeakReference(images), input, List.copyOf(prefix), parameterDigest, computedBy);
    }

    /**
     * A cache key; see {@link #key}.
     *
     * @param images the training images, by identity, held weakly
     * @param input the network's input shape
     * @param prefix the specs of layers 1..m
     * @param parameterDigest a digest of layers 1..m's parameters
     * @param computedBy how the backend computed the outputs
     */
    public record Key(IdentityWeakReference images, InputShape input, List<LayerSpec> prefix, String parameterDigest,
            String computedBy) {
        /** Checks for nulls. */
        public Key {
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(parameterDigest, "parameterDigest");
            Objects.requireNonNull(computedBy, "computedBy");
        }
    }

    /** A weak reference to a set of images, equal to another while both refer to the same (live) object. */
    public static final class IdentityWeakReference extends WeakReference<LabelledImages> {
        private final int hash;

        IdentityWeakReference(LabelledImages referent) {
            super(Objects.requireNonNull(referent, "images"));
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            LabelledImages referent = get();
            return o instanceof IdentityWeakReference other && referent != null && referent == other.get();
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
