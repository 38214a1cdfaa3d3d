package org.transferable.study;

/**
 * Derives every seed of a study from the plan's {@code config.seed()}, deterministically, so a rerun (or a resumed
 * run) gives identical numbers. Seeds mix the study seed, the split index and a purpose string through SplitMix64's
 * finaliser; {@link String#hashCode()} is specified by the Java language, so the seeds are stable across JVMs.
 *
 * <p>All transferred cells of one split at one n share a seed (the fresh layers above n start from the same
 * weights and see the same batches), so the paired differences BnB - AnB, AnB - RnB, ... reflect the copied
 * layers rather than initialisation noise (common random numbers).
 */
final class Seeds {
    private Seeds() {
    }

    /** @return the seed of a base network: purpose {@code baseA}, {@code baseB} or {@code random} */
    static long base(long studySeed, int split, String purpose) {
        return derive(studySeed, split, purpose);
    }

    /** @return the seed shared by every transferred cell of a split at layer n */
    static long transfer(long studySeed, int split, int n) {
        return derive(studySeed, split, "n" + n);
    }

    /** @return the seed of a data subset: purpose such as {@code A-train} or {@code B-fraction} */
    static long data(long studySeed, int split, String purpose) {
        return derive(studySeed, split, "data:" + purpose);
    }

    static long derive(long studySeed, int split, String purpose) {
        return mix(mix(mix(studySeed) + split) + purpose.hashCode());
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
