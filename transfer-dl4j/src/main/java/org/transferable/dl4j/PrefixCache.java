package org.transferable.dl4j;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.transferable.data.LabelledImages;
import org.transferable.spec.InputShape;
import org.transferable.spec.LayerSpec;

/**
 * Frozen-prefix outputs kept between fits of one {@link Dl4jBackend}, so that the cells of a study that freeze the
 * same n layers of the same base network on the same training set compute those layers' outputs once.
 *
 * <p><b>Key.</b> An entry is found by what determines its values: the training images (by identity, held weakly,
 * so an entry dies with its data set), the input shape and the specs of layers 1..m, a SHA-256 digest of those
 * layers' parameters, and whether oneDNN helpers computed them. Two transfers from the same base with the same n
 * have equal digests however they were made; a base trained further has a different one.
 *
 * <p><b>Bound.</b> The entries together hold at most {@link #maxBytes()} bytes; storing one evicts the least
 * recently used until it fits, and an entry larger than the whole budget is not stored (the caller trains the full
 * network instead, see {@link FrozenPrefixTrainer}). A fit in progress keeps its features alive even if they are
 * evicted meanwhile. Thread-safe; two threads that miss on the same key both compute it.
 */
final class PrefixCache {
    private final long maxBytes;
    private final LinkedHashMap<Key, PrefixFeatures> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    /**
     * @param maxBytes budget for all entries together, at least 0 (0 keeps nothing)
     * @throws IllegalArgumentException when negative
     */
    PrefixCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("prefix cache budget must not be negative, got " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
    }

    /** @return the budget in bytes */
    long maxBytes() {
        return maxBytes;
    }

    /**
     * The features stored under a key, counting a hit or a miss.
     *
     * @return the features, or empty
     */
    synchronized Optional<PrefixFeatures> get(Key key) {
        expungeCollected();
        PrefixFeatures features = entries.get(key);
        if (features == null) {
            misses++;
        } else {
            hits++;
        }
        return Optional.ofNullable(features);
    }

    /**
     * Stores features, evicting least recently used entries until they fit; features larger than the budget are
     * not stored.
     *
     * @return whether they were stored
     */
    synchronized boolean put(Key key, PrefixFeatures features) {
        expungeCollected();
        PrefixFeatures previous = entries.remove(key);
        if (previous != null) {
            bytes -= previous.bytes();
        }
        if (features.bytes() > maxBytes) {
            return false;
        }
        Iterator<PrefixFeatures> eldestFirst = entries.values().iterator();
        while (bytes + features.bytes() > maxBytes) {
            bytes -= eldestFirst.next().bytes();
            eldestFirst.remove();
        }
        entries.put(key, features);
        bytes += features.bytes();
        return true;
    }

    /** @return bytes held by the entries */
    synchronized long bytes() {
        return bytes;
    }

    /** @return number of entries */
    synchronized int size() {
        expungeCollected();
        return entries.size();
    }

    /** @return lookups that found an entry */
    synchronized long hits() {
        return hits;
    }

    /** @return lookups that found none */
    synchronized long misses() {
        return misses;
    }

    private void expungeCollected() {
        for (Iterator<Map.Entry<Key, PrefixFeatures>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, PrefixFeatures> entry = it.next();
            if (entry.getKey().images.get() == null) {
                bytes -= entry.getValue().bytes();
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
     * @param parameterDigest SHA-256 of layers 1..m's parameters, hex
     * @param oneDnn whether oneDNN helpers computed the outputs
     * @return the key
     */
    static Key key(LabelledImages images, InputShape input, List<LayerSpec> prefix, String parameterDigest,
            boolean oneDnn) {
        return new Key(new IdentityWeakReference(images), input, List.copyOf(prefix), parameterDigest, oneDnn);
    }

    /** A cache key; see {@link #key}. */
    record Key(IdentityWeakReference images, InputShape input, List<LayerSpec> prefix, String parameterDigest,
            boolean oneDnn) {
        Key {
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(parameterDigest, "parameterDigest");
        }
    }

    /** A weak reference equal to another while both refer to the same (live) object. */
    static final class IdentityWeakReference extends WeakReference<LabelledImages> {
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
