package org.transferable.dl4j;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.engine.Batch;
import org.transferable.engine.EngineModel;
import org.transferable.engine.LayerMode;
import org.transferable.engine.ModelRequest;
import org.transferable.engine.SolverStep;
import org.transferable.weights.LayerWeights;

/**
 * The DL4J engine's model: a {@link MultiLayerNetwork} of layers first..L, trained by DL4J's own {@code fit} with
 * {@link SgdMomentum} and L2 decay, its dropout masks drawn from the model's own ND4J generator
 * ({@link SeededDropout}). The network is built on first use with the solver settings of the first step (momentum
 * and weight decay are part of a DL4J configuration; the learning rate may change from step to step).
 */
final class Dl4jModel implements EngineModel {
    private final ModelRequest request;
    private final Random random;
    private ModelFactory.Built built;
    private double momentum;
    private double weightDecay;
    private double learningRate;
    private boolean stepped;

    Dl4jModel(ModelRequest request) {
        this.request = request;
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(request.seed());
    }

    @Override
    public float[] forward(Batch batch, int to) {
        MultiLayerNetwork network = network(null);
        INDArray input = features(batch);
        if (to == request.spec().layerCount()) {
            return network.output(input, false).dup('c').data().asFloat();
        }
        int layers = built.blocks().dl4jLayersThrough(to - request.first() + 1);
        return network.feedForwardToLayer(layers - 1, input, false).get(layers).dup('c').data().asFloat();
    }

    @Override
    public float[] forwardAsInStep(Batch batch, int to) {
        MultiLayerNetwork network = network(null);
        int layers = built.blocks().dl4jLayersThrough(to - request.first() + 1);
        return network.feedForwardToLayer(layers - 1, features(batch), true).get(layers).dup('c').data().asFloat();
    }

    @Override
    public double step(Batch batch, SolverStep step) {
        MultiLayerNetwork network = network(step);
        if (step.learningRate() != learningRate) {
            setLearningRate(network, step.learningRate());
        }
        network.fit(new DataSet(features(batch), labels(batch)));
        stepped = true;
        return network.score();
    }

    @Override
    public Gradients gradients(Batch batch) {
        MultiLayerNetwork network = network(null);
        network.setInput(features(batch));
        network.setLabels(labels(batch));
        network.computeGradientAndScore();
        double loss = network.score();
        float[] probabilities = network.output(features(batch), false).dup('c').data().asFloat();
        return new Gradients(loss, probabilities, Parameters.gradients(network, request.spec(), built.blocks(),
                request.first(), request.modes().stream().map(m -> m == LayerMode.TRAINED).toList(), batch.count()));
    }

    @Override
    public List<LayerWeights> weights() {
        return Parameters.extract(network(null), request.spec(), built.blocks(), request.first());
    }

    @Override
    public void close() {
        if (built != null) {
            built.network().clear();
        }
    }

    /**
     * The network, built on the first call with the step's momentum and weight decay (or, without a step, with no
     * decay: forward passes and gradients of the loss alone), and built again from the request's values if the first
     * step asks for other settings than the network was built with.
     */
    private MultiLayerNetwork network(SolverStep step) {
        if (built != null && step != null && !stepped
                && (step.momentum() != momentum || step.weightDecay() != weightDecay)) {
            built.network().clear();
            built = null;
        }
        if (built == null) {
            momentum = step == null ? 0.9 : step.momentum();
            weightDecay = step == null ? 0.0 : step.weightDecay();
            learningRate = step == null ? 0.01 : step.learningRate();
            built = ModelFactory.build(request.spec(), request.first(), request.classes(), request.modes(),
                    new ModelFactory.Settings(learningRate, momentum, weightDecay,
                            retain -> new SeededDropout(retain, random)), request.seed());
            Parameters.assign(built.network(), request.spec(), built.blocks(), request.first(), request.weights());
        } else if (step != null && (step.momentum() != momentum || step.weightDecay() != weightDecay)) {
            throw new IllegalStateException("a dl4j model keeps the momentum and weight decay it was first trained "
                    + "with (" + momentum + ", " + weightDecay + "); got " + step.momentum() + ", "
                    + step.weightDecay());
        }
        return built.network();
    }

    /** Sets every layer's {@link SgdMomentum} rate in place: their updaters read it at each step. */
    private void setLearningRate(MultiLayerNetwork network, double rate) {
        for (Layer layer : network.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base && base.getIUpdater() instanceof SgdMomentum sgd) {
                sgd.setLearningRate(rate);
            }
        }
        learningRate = rate;
    }

    private INDArray features(Batch batch) {
        var spec = request.spec();
        int first = request.first();
        boolean convolutional = first == 1 ? ModelFactory.convolutionalInput(spec)
                : spec.layer(first - 1) instanceof org.transferable.spec.ConvolutionLayer;
        var shape = first == 1 ? spec.input() : spec.hiddenShapes().get(first - 2);
        return convolutional
                ? Nd4j.create(batch.inputs(), new long[] {batch.count(), shape.channels(), shape.height(),
                        shape.width()}, 'c')
                : Nd4j.create(batch.inputs(), new long[] {batch.count(), shape.size()}, 'c');
    }

    private INDArray labels(Batch batch) {
        int classes = request.classes();
        float[] oneHot = new float[batch.count() * classes];
        int[] labels = batch.labels();
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes + labels[i]] = 1f;
        }
        return Nd4j.create(oneHot, new long[] {batch.count(), classes}, 'c');
    }
}
