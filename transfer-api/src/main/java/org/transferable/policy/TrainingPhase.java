package org.transferable.policy;

import java.util.List;
import org.transferable.Checks;
import org.transferable.engine.LayerTraining;

/**
 * A phase of a policy resolved for one network and n: its epochs and, per layer 1..L, what the engine applies.
 *
 * @param epochs epochs of the phase, at least 1
 * @param layers per layer 1..L
 * @param resetSolver whether the solver's velocities restart from zero when this phase begins (not used for the
 *     first phase, which starts from zero anyway)
 */
public record TrainingPhase(int epochs, List<LayerTraining> layers, boolean resetSolver) {
    /** Validates and copies. */
    public TrainingPhase {
        Checks.inRange("epochs of a phase", epochs, 1, 10_000);
        layers = List.copyOf(layers);
    }

    /**
     * @param phases a policy's phases for layers 1..L
     * @return how many leading layers are frozen in every phase (at most L-1): the layers whose outputs a fit can
     *     compute once; 0 when layer 1 trains in some phase
     */
    public static int frozenPrefix(List<TrainingPhase> phases) {
        int layers = phases.get(0).layers().size();
        int prefix = 0;
        while (prefix < layers - 1) {
            int index = prefix;
            if (!phases.stream().allMatch(p -> p.layers().get(index).frozen())) {
                break;
            }
            prefix++;
        }
        return prefix;
    }
}
