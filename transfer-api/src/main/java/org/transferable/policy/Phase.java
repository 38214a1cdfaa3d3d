package org.transferable.policy;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.transferable.Checks;

/**
 * A phase of a policy: for how long, which layers train and how. Every phase but the last gives its length, in
 * epochs ({@code 4:new}) or as a percentage of the fit's epochs ({@code 25%:new}, at least one epoch), so that one
 * policy serves data sets trained for different numbers of epochs; the last phase runs the epochs that are left.
 *
 * @param epochs epochs of the phase, in [0, 10000]; 0 when it is given as a percentage, or for the last phase
 * @param percent its share of the fit's epochs in percent, in [0, 100); 0 when it is given in epochs, or for the
 *     last phase
 * @param selections the layers that train, at least one selection
 */
public record Phase(int epochs, double percent, List<Selection> selections) {
    /** Validates and copies. */
    public Phase {
        Checks.inRange("epochs of a phase", epochs, 0, 10_000);
        Checks.inHalfOpenRange("percent of a phase", percent, 0.0, 100.0);
        if (epochs > 0 && percent > 0) {
            throw new IllegalArgumentException("a phase gives its length in epochs or in percent, not both; got "
                    + epochs + " epochs and " + percent + "%");
        }
        selections = List.copyOf(Objects.requireNonNull(selections, "selections must not be null"));
        if (selections.isEmpty()) {
            throw new IllegalArgumentException("a phase must train at least one layer, got no selection");
        }
    }

    /** @return a phase of the given epochs that trains the selections */
    public static Phase of(int epochs, Selection... selections) {
        return new Phase(epochs, 0.0, List.of(selections));
    }

    /** @return a phase of the given percentage of the fit's epochs that trains the selections */
    public static Phase percent(double percent, Selection... selections) {
        return new Phase(0, percent, List.of(selections));
    }

    /** @return the last phase (the remaining epochs) training the selections */
    public static Phase rest(Selection... selections) {
        return new Phase(0, 0.0, List.of(selections));
    }

    /** @return whether the phase gives its length (every phase but a policy's last does) */
    public boolean hasLength() {
        return epochs > 0 || percent > 0;
    }

    /**
     * @param total the fit's epochs
     * @return the phase's epochs in a fit of {@code total}: its own, or its percentage rounded, at least 1
     */
    int epochsOf(int total) {
        return epochs > 0 ? epochs : Math.max(1, (int) Math.round(percent / 100.0 * total));
    }

    /** @return e.g. {@code 4:new}, {@code 25%:new} or {@code copied=bias,new} (the last phase has no length) */
    @Override
    public String toString() {
        String body = selections.stream().map(Selection::toString).collect(Collectors.joining(","));
        return epochs > 0 ? epochs + ":" + body : percent > 0 ? LayerRule.number(percent) + "%:" + body : body;
    }
}
