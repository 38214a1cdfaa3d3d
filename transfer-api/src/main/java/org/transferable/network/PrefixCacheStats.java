package org.transferable.network;

/**
 * How a backend's cache of frozen-layer outputs has been used ({@link Backend#prefixCacheStats()}).
 *
 * @param hits fits that found the outputs of all their frozen layers cached
 * @param misses lookups that found none
 * @param entries outputs held now
 * @param bytes bytes they take
 * @param maxBytes the budget
 */
public record PrefixCacheStats(long hits, long misses, long entries, long bytes, long maxBytes) {
}
