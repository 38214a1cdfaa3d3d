package org.transferable.engine;

import java.util.List;
import org.transferable.weights.LayerWeights;

/**
 * Layers {@code first..L} of a network built by an {@link Engine}, holding values that change only in
 * {@link #step}, each layer trained as its {@link LayerTraining} says (set at the build, changed by
 * {@link #configure}). Used by one thread at a time; {@link #close()} frees it.
 */
public interface EngineModel extends AutoCloseable {
    /**
     * The outputs of layer {@code to} in inference mode: after its activation and pooling, before the next layer's
     * dropout; for the output layer, the softmax probabilities.
     *
     * @param batch inputs of the model's first layer
     * @param to the last layer to run, in [first, L]
     * @return {@code count x size} values, row-major, one example after another
     */
    float[] forward(Batch batch, int to);

    /**
     * The outputs of frozen layer {@code to} computed as {@link #step} computes it inside a training step (for
     * example with gradient recording on); frozen layers run in inference mode either way, so a correct engine gives
     * {@link #forward}'s values. The template compares the two before it caches frozen layers' outputs.
     *
     * @param batch inputs of the model's first layer
     * @param to a frozen layer; layers first..to are all frozen
     * @return {@code count x size} values
     */
    float[] forwardAsInStep(Batch batch, int to);

    /**
     * One training step: forward with each layer in its mode (training or inference, as its {@link LayerTraining}
     * says), the mean softmax cross-entropy over the batch, back-propagation, and the solver's update of every tensor
     * with a rate multiple above 0.
     *
     * @param batch inputs and labels
     * @param step the solver's settings for this step
     * @return the loss before the update
     */
    double step(Batch batch, SolverStep step);

    /**
     * The gradients of the mean softmax cross-entropy of a batch with respect to every tensor of the trained layers,
     * in training mode, without an update (for the numerical self-check).
     *
     * @param batch inputs and labels
     * @return per built layer its tensors' gradients (an empty list for a layer that updates nothing), and the loss
     */
    Gradients gradients(Batch batch);

    /**
     * Changes how the layers take part in the following steps: a fine-tuning policy's next phase. Tensors updated
     * before and after keep their velocities unless {@code resetSolver}; a tensor that stops being updated keeps its
     * velocity for when it is updated again (unless reset); one that starts gets a zero velocity. The dropout masks
     * continue their sequence.
     *
     * @param training for layers first..L; {@link LayerTraining#towardStart()} only where the built request set it
     * @param resetSolver whether every velocity starts again from zero
     * @throws IllegalArgumentException when the list does not have one value per built layer, or sets
     *     {@code towardStart} on a layer whose start values the model did not keep
     */
    void configure(List<LayerTraining> training, boolean resetSolver);

    /** @return a copy of the current values of layers first..L */
    List<LayerWeights> weights();

    /** Frees what the model holds. */
    @Override
    void close();

    /**
     * The result of {@link #gradients}.
     *
     * @param loss the mean softmax cross-entropy
     * @param probabilities the softmax outputs, {@code count x classes}
     * @param layers per built layer, d loss / d tensor in the neutral layout
     */
    record Gradients(double loss, float[] probabilities, List<LayerWeights> layers) {
        /** Copies. */
        public Gradients {
            probabilities = probabilities.clone();
            layers = List.copyOf(layers);
        }

        @Override
        public float[] probabilities() {
            return probabilities.clone();
        }
    }
}
