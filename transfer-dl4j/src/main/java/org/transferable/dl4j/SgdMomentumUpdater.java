package org.transferable.dl4j;

import java.util.Collections;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;

/** The state and step of {@link SgdMomentum}: one velocity value per parameter. */
final class SgdMomentumUpdater implements GradientUpdater<SgdMomentum> {
    static final String VELOCITY = "V";

    private final SgdMomentum config;
    private INDArray velocity;

    SgdMomentumUpdater(SgdMomentum config) {
        this.config = config;
    }

    @Override
    public SgdMomentum getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (config.getMomentum() == 0.0) {
            return;
        }
        INDArray v = stateMap == null ? null : stateMap.get(VELOCITY);
        if (v == null) {
            throw new IllegalStateException("SgdMomentum state needs key " + VELOCITY + ", got "
                    + (stateMap == null ? "no state" : stateMap.keySet()));
        }
        velocity = v;
        if (initialize) {
            velocity.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return velocity == null ? Collections.emptyMap() : Collections.singletonMap(VELOCITY, velocity);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (config.getMomentum() == 0.0) {
            return;
        }
        if (!viewArray.isRowVectorOrScalar()) {
            throw new IllegalArgumentException("SgdMomentum expects a row-vector state view, got shape "
                    + java.util.Arrays.toString(viewArray.shape()));
        }
        if (initialize) {
            viewArray.assign(0);
        }
        velocity = viewArray.reshape(gradientOrder, gradientShape);
    }

    /** Turns the gradient into the update DL4J subtracts: {@code v = m * v + lr * g}, update = v. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        double lr = config.getLearningRate(iteration, epoch);
        if (velocity == null) {
            gradient.muli(lr);
            return;
        }
        velocity.muli(config.getMomentum()).addi(gradient.muli(lr));
        gradient.assign(velocity);
    }
}
