package org.transferable.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.transferable.Checks;

/**
 * One measurement of a policy study: a policy (or training from scratch) on a fraction of task B, at layer n.
 *
 * @param split index of the class split
 * @param fraction the fraction of B's training images, in (0, 1]; 1 for the reference cells
 * @param policy the policy's label, or {@link PolicyStudyPlan#SCRATCH}
 * @param n copied layers: 0 from scratch, at least 1 otherwise
 */
@JsonIgnoreProperties(value = "id", allowGetters = true)
public record PolicyCell(int split, double fraction, String policy, int n) {
    /** Validates. */
    public PolicyCell {
        Checks.inRange("split index", split, 0, Integer.MAX_VALUE);
        if (!(fraction > 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        Objects.requireNonNull(policy, "policy must not be null");
        boolean scratch = policy.equals(PolicyStudyPlan.SCRATCH);
        if (scratch ? n != 0 : n < 1) {
            throw new IllegalArgumentException("n of " + policy + " must be " + (scratch ? "0" : "at least 1")
                    + ", got " + n);
        }
    }

    /** @return the cell's id and file name, e.g. {@code split0-1pct-lpft-3} or {@code split2-10pct-scratch} */
    @JsonProperty("id")
    public String id() {
        return "split" + split + "-" + PolicyStudyPlan.percent(fraction) + "pct-" + policy + (n > 0 ? "-" + n : "");
    }

    @Override
    public String toString() {
        return id();
    }
}
