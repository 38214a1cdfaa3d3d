package org.transferable.similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.transferable.Checks;

/**
 * Minibatch CKA (Nguyen, Raghu and Kornblith 2021, "Do Wide and Deep Networks Learn the Same Things?"): the
 * unbiased HSIC_1 of every pair of layers, averaged over batches of a fixed size k, so that no n x n Gram matrix of
 * all examples is ever formed. For layers {@code a[i]} of one network and {@code b[j]} of another,
 * {@code CKA(i, j) = mean HSIC_1(K_i, L_j) / sqrt(mean HSIC_1(K_i, K_i) mean HSIC_1(L_j, L_j))}; over exactly one
 * batch it equals {@link Cka#debiased} on that batch.
 *
 * <p>Immutable: {@link #add} returns a new accumulator and leaves this one as it was.
 *
 * <pre>{@code
 * MinibatchCka cka = MinibatchCka.of(256, 2, 2)
 *         .add(List.of(a1Batch1, a2Batch1), List.of(b1Batch1, b2Batch1))
 *         .add(List.of(a1Batch2, a2Batch2), List.of(b1Batch2, b2Batch2));
 * double layer2 = cka.cka(1, 1); // layer a2 against layer b2
 * }</pre>
 */
public final class MinibatchCka {
    private final int batchSize;
    private final int batches;
    private final double[][] cross;
    private final double[] selfA;
    private final double[] selfB;

    private MinibatchCka(int batchSize, int batches, double[][] cross, double[] selfA, double[] selfB) {
        this.batchSize = batchSize;
        this.batches = batches;
        this.cross = cross;
        this.selfA = selfA;
        this.selfB = selfB;
    }

    /**
     * An accumulator that has seen no batch.
     *
     * @param batchSize examples in every batch, k at least 4 (the unbiased estimator needs 4)
     * @param layersA layers of the first network to compare, at least 1
     * @param layersB layers of the second network to compare, at least 1
     * @return the empty accumulator
     * @throws IllegalArgumentException e.g. "batch size must be in [4, 2147483647], got 3"
     */
    public static MinibatchCka of(int batchSize, int layersA, int layersB) {
        Checks.inRange("batch size", batchSize, 4, Integer.MAX_VALUE);
        Checks.inRange("layer count of a", layersA, 1, Integer.MAX_VALUE);
        Checks.inRange("layer count of b", layersB, 1, Integer.MAX_VALUE);
        return new MinibatchCka(batchSize, 0, new double[layersA][layersB], new double[layersA], new double[layersB]);
    }

    /**
     * Adds one batch: every layer's features on the same k examples.
     *
     * @param a the first network's layers, as many as {@link #of} was given, each k rows
     * @param b the second network's layers, each k rows
     * @return a new accumulator with this batch's HSIC_1 values added
     * @throws IllegalArgumentException "expected features of 2 layers of a, got 3" or "features of a[1] have 100
     *     examples, expected the batch size 128"
     */
    public MinibatchCka add(List<FeatureMatrix> a, List<FeatureMatrix> b) {
        List<CentredFeatures> ca = centre("a", a, selfA.length);
        List<CentredFeatures> cb = centre("b", b, selfB.length);
        double[][] newCross = new double[selfA.length][];
        double[] newSelfA = selfA.clone();
        double[] newSelfB = selfB.clone();
        for (int i = 0; i < ca.size(); i++) {
            newSelfA[i] += ca.get(i).unbiasedHsic(ca.get(i));
            newCross[i] = cross[i].clone();
            for (int j = 0; j < cb.size(); j++) {
                newCross[i][j] += ca.get(i).unbiasedHsic(cb.get(j));
            }
        }
        for (int j = 0; j < cb.size(); j++) {
            newSelfB[j] += cb.get(j).unbiasedHsic(cb.get(j));
        }
        return new MinibatchCka(batchSize, batches + 1, newCross, newSelfA, newSelfB);
    }

    /**
     * Minibatch CKA of layer {@code a[i]} and layer {@code b[j]} over the batches added so far.
     *
     * @param i index into the first network's layers, from 0
     * @param j index into the second network's layers, from 0
     * @return CKA, at most 1 (slightly negative for unrelated layers, as the estimator is unbiased)
     * @throws IllegalStateException "minibatch CKA needs at least 1 batch, got none"
     * @throws IllegalArgumentException "index of a must be in [0, 1], got 2", or "minibatch CKA of a[0] and b[1]
     *     is undefined: HSIC_1 of a[0] with itself is 0.0, not positive"
     */
    public double cka(int i, int j) {
        Checks.inRange("index of a", i, 0, selfA.length - 1);
        Checks.inRange("index of b", j, 0, selfB.length - 1);
        if (batches == 0) {
            throw new IllegalStateException("minibatch CKA needs at least 1 batch, got none");
        }
        // the means' common factor 1 / batches cancels in the ratio
        return Cka.hsicRatio("minibatch CKA of a[" + i + "] and b[" + j + "]", "a[" + i + "]", "b[" + j + "]",
                cross[i][j], selfA[i], selfB[j]);
    }

    /**
     * Every pair's minibatch CKA.
     *
     * @return {@code [i][j] = cka(i, j)}, a new array
     * @throws IllegalStateException as {@link #cka}
     */
    public double[][] matrix() {
        double[][] out = new double[selfA.length][selfB.length];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = cka(i, j);
            }
        }
        return out;
    }

    /** @return examples in every batch */
    public int batchSize() {
        return batchSize;
    }

    /** @return batches added so far */
    public int batches() {
        return batches;
    }

    private List<CentredFeatures> centre(String network, List<FeatureMatrix> layers, int expected) {
        Objects.requireNonNull(layers, "layers of " + network + " must not be null");
        if (layers.size() != expected) {
            throw new IllegalArgumentException("expected features of " + expected
                    + (expected == 1 ? " layer" : " layers") + " of " + network + ", got " + layers.size());
        }
        List<CentredFeatures> out = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) {
            FeatureMatrix m = Objects.requireNonNull(layers.get(i), "features of " + network + "[" + i + "]");
            if (m.rows() != batchSize) {
                throw new IllegalArgumentException("features of " + network + "[" + i + "] have " + m.rows()
                        + " examples, expected the batch size " + batchSize);
            }
            out.add(CentredFeatures.of(m));
        }
        return out;
    }

    @Override
    public String toString() {
        return "MinibatchCka[" + batches + " batches of " + batchSize + ", " + selfA.length + " x " + selfB.length
                + " layers]";
    }
}
