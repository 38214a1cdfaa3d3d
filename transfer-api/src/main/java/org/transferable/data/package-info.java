/**
 * Labelled images in memory, the IDX format (plain or gzip), tasks, class splits into halves A and B with label
 * remapping, subsets for reduced-data studies, and {@link org.transferable.data.Shuffle}, the one shuffle that
 * subsets, splits and every backend's epoch orders draw with.
 */
package org.transferable.data;
