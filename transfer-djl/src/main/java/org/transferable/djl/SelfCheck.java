package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.transferable.engine.EngineCheck;
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
        return EngineCheck.select(DjlBackend.NAME, candidates, SelfCheck::probe).chosen().name();
    }

    /** Forward and backward of the problem, as {@link Trainer} computes a step (without the update). */
    static EngineCheck.Outcome probe(EngineCheck.Problem problem) {
        NetworkSpec spec = problem.spec();
        int[] labels = problem.labels();
        int classes = 3;
        LayerLayout layout = LayerLayout.of(spec, classes);
        try (NetworkBlocks blocks = NetworkBlocks.build(layout, problem.weights(), 0, new SplittableRandom(0));
                NDManager step = blocks.manager().newSubManager()) {
            InputShape in = spec.input();
            NDArray x = step.create(problem.images(), new Shape(labels.length, in.channels(), in.height(), in.width()));
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
}
