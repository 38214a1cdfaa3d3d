package org.transferable.study;

import java.util.EnumSet;
import java.util.Set;

/**
 * The paper's five findings (its fifth has two halves). The rule that judges each is documented on
 * {@link Findings}; {@link #DISSIMILAR_TASKS_TRANSFER_WORSE} needs two studies and is judged by
 * {@link DropComparison#dissimilarTransfersWorse}.
 */
public enum Finding {
    /** 1. Co-adaptation: BnB dips below baseB for middle n (and recovers near the top). */
    CO_ADAPTATION(1, "BnB dips below baseB for some middle n", EnumSet.of(Treatment.BASE_B, Treatment.SELFFER),
            "+3.1 points at n=5 (baseB 0.625, BnB 0.594)"),
    /** 2. Fine-tuning repairs co-adaptation: BnB+ stays at baseB for every n. */
    FINE_TUNING_REPAIRS_CO_ADAPTATION(2, "BnB+ stays at baseB for every n",
            EnumSet.of(Treatment.BASE_B, Treatment.SELFFER_FINE_TUNED), "-0.7 points at n=1, its lowest"),
    /** 3. Specificity: AnB falls further below BnB as n grows. */
    SPECIFICITY(3, "AnB falls further below BnB as n grows", EnumSet.of(Treatment.SELFFER, Treatment.TRANSFER),
            "+8.1 points from n=1 to n=7 (BnB - AnB -0.1, then +8.0)"),
    /** 4. Transferring and fine-tuning generalises at least as well as training from scratch: AnB+ >= baseB. */
    TRANSFER_FINE_TUNED_GENERALISES(4, "AnB+ >= baseB", EnumSet.of(Treatment.BASE_B, Treatment.TRANSFER_FINE_TUNED),
            "+1.6 points averaged over n=1..7"),
    /** 5a. Random frozen weights are far worse than transferred ones: AnB > RnB for n >= 2. */
    RANDOM_WEIGHTS_WORSE(5, "random frozen weights are worse than transferred ones (AnB > RnB for n >= 2)",
            EnumSet.of(Treatment.TRANSFER, Treatment.RANDOM_FROZEN),
            "+22.1 points at n=2 (RnB 0.403 on a base of 0.576), RnB at chance from n=3"),
    /** 5b. Dissimilar tasks transfer worse: the drop baseB - AnB is larger after a dissimilar split. */
    DISSIMILAR_TASKS_TRANSFER_WORSE(5, "a dissimilar split drops more ((baseB - AnB) / baseB) than a random split",
            EnumSet.of(Treatment.BASE_B, Treatment.TRANSFER),
            "+16.7 points at n=7 (relative drop 25.0% dissimilar, 8.3% random)");

    private final int number;
    private final String claim;
    private final Set<Treatment> needs;
    private final String paperEffect;

    Finding(int number, String claim, Set<Treatment> needs, String paperEffect) {
        this.number = number;
        this.claim = claim;
        this.needs = Set.copyOf(needs);
        this.paperEffect = paperEffect;
    }

    /**
     * @return the paper's own effect for this finding, in accuracy points, to read beside ours (the verdict's
     *     headline), e.g. {@code +1.6 points averaged over n=1..7}
     */
    public String paperEffect() {
        return paperEffect;
    }

    /** @return the finding's number in the paper's list, 1..5 */
    public int number() {
        return number;
    }

    /** @return the claim in one line */
    public String claim() {
        return claim;
    }

    /** @return the treatments it needs */
    public Set<Treatment> needs() {
        return EnumSet.copyOf(needs);
    }
}
