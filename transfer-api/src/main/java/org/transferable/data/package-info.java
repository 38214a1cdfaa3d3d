/**
 * Labelled images in memory, the IDX format (plain or gzip), tasks, class splits into halves A and B with label
 * remapping, and subsets for reduced-data studies.
 */
package org.transferable.data;
