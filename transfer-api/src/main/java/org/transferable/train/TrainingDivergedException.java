package org.transferable.train;

/**
 * Training produced a non-finite loss or weight: the fit stops at once, naming the network, where it stopped and
 * what to try, instead of returning a network (or a study result) that holds NaN.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String network;
    private final int epoch;
    private final int step;

    /**
     * @param network the network, e.g. {@code paper8-small (A3B+ on task B)}
     * @param epoch the 1-based epoch it stopped in
     * @param step the 1-based step of that epoch (its last step when a weight went non-finite)
     * @param stepsPerEpoch the epoch's steps
     * @param what what was not finite, e.g. {@code the loss is NaN}
     * @param config the training configuration, for the advice
     */
    public TrainingDivergedException(String network, int epoch, int step, int stepsPerEpoch, String what,
            TrainingConfig config) {
        super("training network " + network + " diverged at epoch " + epoch + ", step " + step + " of "
                + stepsPerEpoch + ": " + what + ". Try a lower learning rate (this run used " + config.learningRate()
                + "), a smaller batch (" + config.batchSize() + "), and check that the images hold finite values");
        this.network = network;
        this.epoch = epoch;
        this.step = step;
    }

    /** @return the network, as named in the message */
    public String network() {
        return network;
    }

    /** @return the 1-based epoch */
    public int epoch() {
        return epoch;
    }

    /** @return the 1-based step within the epoch */
    public int step() {
        return step;
    }
}
