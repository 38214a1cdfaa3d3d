package org.transferable.network;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.transferable.data.LabelledImages;
import org.transferable.spec.InputShape;
import org.transferable.spec.LayerSpec;

/**
 * Outputs of frozen layers kept between fits of one backend, so that the cells of a study that freeze the same first
 * layers of the same base network on the same training set compute them once. A Caffeine cache bounded by weight
 * (the bytes the outputs take, counted in KiB), evicting synchronously on the calling thread.
 *
 * <p><b>Key.</b> An entry is found by what determines its values: the training images (by identity, held weakly, so
 * an entry dies with its data set: a collected data set's entries are dropped on the next call), the input shape
 * and the specs of layers 1..m, a digest of those layers' values, and how the engine computed them (its version and
 * configuration, the batch size). Two transfers from the same base with the same n have equal digests however they
 * were made; a base trained further has a different one.
 *
 * <p><b>Bound.</b> The entries together hold at most the budget; an entry larger than the whole budget is not
 * stored (the fit then trains from the images and says so in the log). Thread-safe; two threads that miss on the
 * same key both compute it.
 */
final class PrefixCache {
    private final long maxBytes;
    private final Cache<Key, CachedOutputs> entries;
    private final ReferenceQueue<LabelledImages> collected = new ReferenceQueue<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param maxBytes budget for all entries together, at least 0 (0 keeps nothing)
     * @throws IllegalArgumentException when the budget is negative
     */
    PrefixCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("prefix cache budget must not be negative, got " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes / 1024)
                .weigher((Key key, CachedOutputs value) -> (int) Math.min(Integer.MAX_VALUE, kibibytes(value.bytes())))
                .executor(Runnable::run)
                .build();
    }

    /**
     * Parses a budget.
     *
     * @param property the value of {@value Backend#PREFIX_CACHE_PROPERTY}, or null when unset
     * @return the budget in bytes; a quarter of the maximum heap size for null
     * @throws IllegalArgumentException when not a number of bytes &gt;= 0
     */
    static long budget(String property) {
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
        throw new IllegalArgumentException("system property " + Backend.PREFIX_CACHE_PROPERTY
                + " must be a number of bytes >= 0, got '" + property + "'");
    }

    /** @return the budget in bytes */
    long maxBytes() {
        return maxBytes;
    }

    /**
     * The value stored under a key, counting a hit or a miss.
     *
     * @return the value, or empty
     */
    Optional<CachedOutputs> get(Key key) {
        dropCollected();
        CachedOutputs value = entries.getIfPresent(key);
        (value == null ? misses : hits).increment();
        return Optional.ofNullable(value);
    }

    /**
     * Stores a value, evicting entries until it fits; a value larger than the budget is not stored.
     *
     * @return whether it is stored
     */
    boolean put(Key key, CachedOutputs value) {
        dropCollected();
        if (kibibytes(value.bytes()) > maxBytes / 1024) {
            return false;
        }
        entries.put(key, value);
        entries.cleanUp();
        return entries.getIfPresent(key) == value;
    }

    /** @return hits, misses, entries and bytes so far */
    PrefixCacheStats stats() {
        dropCollected();
        entries.cleanUp();
        long bytes = entries.asMap().values().stream().mapToLong(CachedOutputs::bytes).sum();
        return new PrefixCacheStats(hits.sum(), misses.sum(), entries.estimatedSize(), bytes, maxBytes);
    }

    private void dropCollected() {
        if (collected.poll() != null) {
            while (collected.poll() != null) {
                // drain: one scan below drops every entry whose images are gone
            }
            entries.asMap().keySet().removeIf(key -> key.images().get() == null);
        }
    }

    private static long kibibytes(long bytes) {
        return (bytes + 1023) / 1024;
    }

    /**
     * A key for the cache.
     *
     * @param images the training images, compared by identity and held weakly
     * @param input the network's input shape
     * @param prefix the specs of layers 1..m
     * @param parameterDigest a digest of layers 1..m's values
     * @param computedBy how the engine computed the outputs (engine version and configuration, batch size)
     * @return the key
     */
    Key key(LabelledImages images, InputShape input, List<LayerSpec> prefix, String parameterDigest,
            String computedBy) {
        return new Key(new IdentityWeakReference(images, collected), input, List.copyOf(prefix), parameterDigest,
                computedBy);
    }

    /**
     * What determines a prefix's outputs; see {@link #key}.
     *
     * @param images the training images, by identity, held weakly
     * @param input the network's input shape
     * @param prefix the specs of layers 1..m
     * @param parameterDigest a digest of layers 1..m's values
     * @param computedBy how the engine computed the outputs
     */
    record Key(IdentityWeakReference images, InputShape input, List<LayerSpec> prefix, String parameterDigest,
            String computedBy) {
        /** Checks for nulls. */
        Key {
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(parameterDigest, "parameterDigest");
            Objects.requireNonNull(computedBy, "computedBy");
        }
    }

    /** A weak reference to a set of images, equal to another while both refer to the same (live) object. */
    static final class IdentityWeakReference extends WeakReference<LabelledImages> {
        private final int hash;

        IdentityWeakReference(LabelledImages referent, ReferenceQueue<LabelledImages> queue) {
            super(Objects.requireNonNull(referent, "images"), queue);
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
