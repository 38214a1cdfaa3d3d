package org.transferable.dl4j;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout that draws its masks from a generator owned by one model, not from ND4J's default generator:
 * the same seed gives the same masks, and two models training on two threads, or any other user of ND4J's
 * generator, do not share a stream. It computes what DL4J's {@code Dropout} computes (a mask of 1s passed through
 * ND4J's {@code DropOutInverted}, then multiplied in), so with a generator seeded as ND4J's default one was, the
 * masks are the same. Not for saving: a saved model uses DL4J's {@code Dropout} ({@link ModelFactory.Settings}).
 */
final class SeededDropout implements IDropout {
    private static final long serialVersionUID = 1L;

    private final double retain;
    private final transient Random random;
    private transient INDArray mask;

    /**
     * @param retain the probability of keeping a value, in (0, 1]
     * @param random the model's generator
     */
    SeededDropout(double retain, Random random) {
        this.retain = retain;
        this.random = random;
    }

    @Override
    public INDArray applyDropout(INDArray inputActivations, INDArray output, int iteration, int epoch,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray input = inputActivations != output && inputActivations.dataType() != output.dataType()
                ? inputActivations.castTo(output.dataType()) : inputActivations;
        mask = workspaceMgr.createUninitialized(ArrayType.INPUT, output.dataType(), output.shape(), output.ordering())
                .assign(1.0);
        Nd4j.getExecutioner().exec(new DropOutInverted(mask, mask, retain), random);
        Nd4j.getExecutioner().exec(new MulOp(input, mask, output));
        return output;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) {
            throw new IllegalStateException("dropout backprop without a mask: no forward pass in training mode");
        }
        INDArray m = mask.dataType() == gradAtInput.dataType() ? mask : mask.castTo(gradAtInput.dataType());
        Nd4j.getExecutioner().exec(new MulOp(gradAtOutput, m, gradAtInput));
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
    }

    /** @return a dropout with the same rate drawing from the same generator (DL4J clones layer configurations) */
    @Override
    public SeededDropout clone() {
        return new SeededDropout(retain, random);
    }

    @Override
    public String toString() {
        return "SeededDropout(retain=" + retain + ")";
    }
}
