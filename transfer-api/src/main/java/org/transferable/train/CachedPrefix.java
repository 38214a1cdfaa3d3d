package org.transferable.train;

/**
 * How a fit with frozen layers used the cache of frozen-layer outputs, reported to
 * {@link TrainingListener#onCachedPrefix}.
 *
 * @param layers m: layers 1..m were computed once and the fit trained layers m+1..L on their outputs; 0 when it
 *     trained from the images
 * @param reused whether the outputs came from an earlier fit
 * @param reason in words, e.g. {@code trained layers 4..8 on newly cached outputs of frozen layers 1..3}
 */
public record CachedPrefix(int layers, boolean reused, String reason) {
}
