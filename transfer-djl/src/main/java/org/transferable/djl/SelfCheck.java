package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.transferable.engine.EngineCheck;
import org.transferable.network.LayerWeights;
import org.transferable.network.NetworkWeights;
import org.transferable.network.Tensor;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;

/**
 * The DJL side of {@link EngineCheck}: the configurations libtorch can run convolutions in, and the probe that
 * computes the check's problem with the same blocks, loss and back-propagation as training.
 */
final class SelfCheck {
    /** libtorch's default: oneDNN convolutions. */
    static final String ONEDNN = "oneDNN convolutions";
    /** PyTorch's own convolution kernels (oneDNN and NNPACK off). */
    static final String NATIVE = "native convolutions";
    /**
     * System property: {@code onednn} or {@code native} pins the configuration (it is still checked); unset, the
     * check chooses.
     */
    static final String CONVOLUTIONS = "transferable.djl.convolutions";

    /** glibc fills allocations with the complement of this byte: 0x7F, so each float read unwritten is 3.4e38. */
    private static final int PERTURB_PATTERN = 0x80;

    private SelfCheck() {
    }

    /**
     * Checks the engine and leaves it in the first configuration that passes.
     *
     * @return the configuration's name
     * @throws org.transferable.engine.EngineCheckException when none passes
     */
    static String run() {
        List<EngineCheck.Candidate> candidates = new ArrayList<>();
        var flags = LibTorchFlags.find();
        String pinned = System.getProperty(CONVOLUTIONS, "").trim();
        if (!pinned.isEmpty() && !pinned.equals("onednn") && !pinned.equals("native")) {
            throw new IllegalArgumentException("system property " + CONVOLUTIONS + " must be onednn or native, got '"
                    + pinned + "'");
        }
        if (!pinned.equals("native")) {
            candidates.add(new EngineCheck.Candidate(ONEDNN, () -> flags.ifPresent(f -> f.setOneDnn(true))));
        }
        if (flags.isPresent() && !pinned.equals("onednn")) {
            candidates.add(new EngineCheck.Candidate(NATIVE, () -> flags.get().setOneDnn(false)));
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("system property " + CONVOLUTIONS + "=native needs libtorch's "
                    + "at::Context switches, which this platform's libtorch does not export");
        }
        // allocations come back filled with 0x7F bytes (float 3.4e38) while the check runs; see DjlEngine.perturbMalloc
        boolean perturbed = DjlEngine.perturbMalloc(PERTURB_PATTERN);
        try {
            return EngineCheck.select(DjlBackend.NAME, candidates, SelfCheck::probe).chosen().name();
        } finally {
            if (perturbed) {
                DjlEngine.perturbMalloc(0);
            }
        }
    }

    /**
     * Forward and backward of the problem, as {@link Trainer} computes a step (without the update), right after the
     * same step on NaN: a kernel that reads memory it did not write in this call (a reused buffer, padding of a
     * blocked layout) then reads NaN and fails, instead of passing by luck on values left by an identical call.
     */
    static EngineCheck.Outcome probe(EngineCheck.Problem problem) {
        pass(problem, true);
        return pass(problem, false);
    }

    private static EngineCheck.Outcome pass(EngineCheck.Problem problem, boolean poison) {
        NetworkSpec spec = problem.spec();
        int[] labels = problem.labels();
        int classes = 3;
        LayerLayout layout = LayerLayout.of(spec, classes);
        NetworkWeights weights = poison ? nan(problem.weights()) : problem.weights();
        float[] images = problem.images();
        if (poison) {
            Arrays.fill(images, Float.NaN);
        }
        try (NetworkBlocks blocks = NetworkBlocks.build(layout, weights, 0, new SplittableRandom(0));
                NDManager step = blocks.manager().newSubManager()) {
            InputShape in = spec.input();
            NDArray x = step.create(images, new Shape(labels.length, in.channels(), in.height(), in.width()));
            float[] oneHot = new float[labels.length * classes];
            for (int i = 0; i < labels.length; i++) {
                oneHot[i * classes + labels[i]] = 1f;
            }
            NDArray target = step.create(oneHot, new Shape(labels.length, classes));
            NDArray logits;
            NDArray loss;
            try (Autograd recording = Autograd.recording()) {
                logits = blocks.forward(x, true);
                loss = logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
                recording.backward(loss);
            }
            return new EngineCheck.Outcome(loss.getFloat(), logits.toFloatArray(), blocks.gradients(spec));
        }
    }

    private static NetworkWeights nan(NetworkWeights weights) {
        List<LayerWeights> layers = new ArrayList<>();
        for (LayerWeights layer : weights.layers()) {
            layers.add(new LayerWeights(layer.layer(), layer.tensors().stream().map(t -> {
                float[] values = new float[t.size()];
                Arrays.fill(values, Float.NaN);
                return new Tensor(t.name(), t.shape(), values);
            }).toList()));
        }
        return new NetworkWeights(layers);
    }
}
