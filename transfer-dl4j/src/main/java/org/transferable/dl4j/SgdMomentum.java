package org.transferable.dl4j;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * SGD with classical (heavy-ball) momentum, the paper's Caffe solver: {@code v = momentum * v + lr * g;
 * w -= v}. DL4J 1.0.0-M2.1 ships only Nesterov momentum ({@code Nesterovs}); this is the classical form that
 * Caffe and PyTorch's {@code SGD(momentum=...)} use. L2 weight decay is added to the gradient before this step
 * (DL4J's {@code l2}), as Caffe's {@code weight_decay} does.
 *
 * <p>A DL4J updater configuration: it is serialised with the network's JSON by class name, so it needs the
 * bean-style no-argument constructor and setters.
 */
public final class SgdMomentum implements IUpdater {
    private static final long serialVersionUID = 1L;

    private double learningRate;
    private double momentum;

    /** For DL4J's JSON deserialisation. */
    public SgdMomentum() {
        this(0.01, 0.9);
    }

    /**
     * @param learningRate step size
     * @param momentum momentum coefficient in [0, 1)
     */
    public SgdMomentum(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return momentum == 0.0 ? 0 : numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        SgdMomentumUpdater updater = new SgdMomentumUpdater(this);
        if (viewArray != null) {
            updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        }
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        SgdMomentumUpdater updater = new SgdMomentumUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public SgdMomentum clone() {
        return new SgdMomentum(learningRate, momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException(
                    "SgdMomentum has a constant learning rate; schedules are not supported");
        }
        this.learningRate = lr;
    }

    /** @return the learning rate */
    public double getLearningRate() {
        return learningRate;
    }

    /** @param learningRate the learning rate (bean setter for DL4J's JSON) */
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** @return the momentum coefficient */
    public double getMomentum() {
        return momentum;
    }

    /** @param momentum the momentum coefficient (bean setter for DL4J's JSON) */
    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SgdMomentum s && s.learningRate == learningRate && s.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "SgdMomentum(lr=" + learningRate + ", momentum=" + momentum + ")";
    }
}
