package org.transferable.study;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The paper's treatments, plus its random-weights control. A treatment that copies layers is measured at each
 * layer n; a base is trained from scratch and copies none. Every treatment but {@link #BASE_A} is trained and
 * tested on task B.
 */
public enum Treatment {
    /** baseA: trained from scratch on task A, tested on A. */
    BASE_A("baseA", false, false),
    /** baseB: trained from scratch on task B; the reference every B treatment is compared with. */
    BASE_B("baseB", false, false),
    /** BnB, the selffer: layers 1..n of baseB copied and frozen, layers above n fresh, trained on B. */
    SELFFER("BnB", true, false),
    /** BnB+: as {@link #SELFFER}, but the copied layers are fine-tuned. */
    SELFFER_FINE_TUNED("BnB+", true, true),
    /** AnB, the transfer: layers 1..n of baseA copied and frozen, layers above n fresh, trained on B. */
    TRANSFER("AnB", true, false),
    /** AnB+: as {@link #TRANSFER}, but the copied layers are fine-tuned. */
    TRANSFER_FINE_TUNED("AnB+", true, true),
    /**
     * RnB, the paper's random-weights control: layers 1..n of an untrained network (initialised for task A by
     * the backend) copied and frozen, layers above n fresh, trained on B.
     */
    RANDOM_FROZEN("RnB", true, false);

    private final String label;
    private final boolean copiesLayers;
    private final boolean fineTuned;

    Treatment(String label, boolean copiesLayers, boolean fineTuned) {
        this.label = label;
        this.copiesLayers = copiesLayers;
        this.fineTuned = fineTuned;
    }

    /** @return the paper's label, e.g. {@code AnB+}; also the JSON form */
    @JsonValue
    public String label() {
        return label;
    }

    /** @return whether the treatment copies layers 1..n and so is measured at each n (bases do not) */
    public boolean copiesLayers() {
        return copiesLayers;
    }

    /** @return whether the copied layers are fine-tuned rather than frozen */
    public boolean fineTuned() {
        return fineTuned;
    }

    /** @return whether the treatment's network is trained and tested on task A (only baseA) */
    public boolean onTaskA() {
        return this == BASE_A;
    }

    /**
     * The treatment with a paper label.
     *
     * @param label e.g. {@code baseB}, {@code BnB}, {@code AnB+}, {@code RnB}
     * @return the treatment
     * @throws IllegalArgumentException "treatment must be one of [baseA, baseB, BnB, BnB+, AnB, AnB+, RnB], got
     *     'label'"
     */
    @JsonCreator
    public static Treatment ofLabel(String label) {
        for (Treatment t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("treatment must be one of " + Arrays.stream(values())
                .map(Treatment::label).collect(Collectors.joining(", ", "[", "]")) + ", got '" + label + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
