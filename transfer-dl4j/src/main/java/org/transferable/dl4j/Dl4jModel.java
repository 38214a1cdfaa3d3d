package org.transferable.dl4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.engine.Batch;
import org.transferable.engine.EngineModel;
import org.transferable.engine.LayerTraining;
import org.transferable.engine.ModelRequest;
import org.transferable.engine.SolverStep;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.ParameterLayout;

/**
 * The DL4J engine's model: a {@link MultiLayerNetwork} of layers first..L, its dropout masks drawn from the model's
 * own ND4J generator ({@link SeededDropout}). A step is DL4J's back-propagation ({@code computeGradientAndScore})
 * followed by the solver's update, applied here to each trained parameter in the order DL4J's own updater applies
 * it: the gradient of the summed loss divided by the batch size, {@code + decay * w} for weights (ND4J's
 * {@code Axpy}, as DL4J's L2), times the learning rate, into the velocity {@code v = momentum * v + that}, and
 * {@code w -= v}; at a layer's rate multiple, and for L2-SP the decay pulls toward the weights' values at the build.
 * Batch normalisation's running mean and variance are not gradients but DL4J's own updates of them, subtracted as
 * they are, in every layer that runs in training mode. A layer in inference mode is wrapped in DL4J's
 * {@code FrozenLayer}; when {@link #configure} changes which layers those are, the network is rebuilt around the same
 * values, velocities and dropout generator.
 */
final class Dl4jModel implements EngineModel {
    private final ModelRequest request;
    private final Random random;
    private final Map<String, INDArray> velocities = new HashMap<>();
    private final Map<String, INDArray> starts = new HashMap<>();
    private ModelFactory.Built built;
    private List<LayerTraining> training;

    Dl4jModel(ModelRequest request) {
        this.request = request;
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(request.seed());
        this.training = request.training();
        this.built = build(request.weights());
        for (int n = request.first(); n <= request.spec().layerCount(); n++) {
            if (request.training(n).towardStart()) {
                for (int index : built.blocks().block(n - request.first() + 1)) {
                    INDArray weight = built.network().getLayer(index).paramTable().get("W");
                    if (weight != null) {
                        starts.put(index + "_W", weight.dup());
                    }
                }
            }
        }
    }

    private ModelFactory.Built build(List<LayerWeights> weights) {
        ModelFactory.Built network = ModelFactory.build(request.spec(), request.first(), request.classes(), training,
                retain -> new SeededDropout(retain, random), request.seed());
        Parameters.assign(network.network(), request.spec(), network.blocks(), request.first(), weights);
        return network;
    }

    @Override
    public void configure(List<LayerTraining> value, boolean resetSolver) {
        List<LayerTraining> checked = request.checkReconfiguration(value);
        boolean rewrap = false;
        for (int i = 0; i < checked.size(); i++) {
            rewrap |= checked.get(i).trainingMode() != training.get(i).trainingMode();
        }
        List<LayerWeights> weights = rewrap ? weights() : null;
        training = checked;
        if (rewrap) {
            built.network().clear();
            built = build(weights);
        }
        if (resetSolver) {
            velocities.clear();
        }
    }

    @Override
    public float[] forward(Batch batch, int to) {
        INDArray input = features(batch);
        if (to == request.spec().layerCount()) {
            return built.network().output(input, false).dup('c').data().asFloat();
        }
        return activations(input, to, false);
    }

    @Override
    public float[] forwardAsInStep(Batch batch, int to) {
        return activations(features(batch), to, true);
    }

    private float[] activations(INDArray input, int to, boolean training) {
        int layers = built.blocks().dl4jLayersThrough(to - request.first() + 1);
        return built.network().feedForwardToLayer(layers - 1, input, training).get(layers).dup('c').data().asFloat();
    }

    @Override
    public double step(Batch batch, SolverStep step) {
        MultiLayerNetwork network = backward(batch);
        Map<String, INDArray> gradients = network.gradient().gradientForVariable();
        for (int n = request.first(); n <= request.spec().layerCount(); n++) {
            LayerTraining rule = training.get(n - request.first());
            if (!rule.trainingMode()) {
                continue;
            }
            for (int index : built.blocks().block(n - request.first() + 1)) {
                Layer layer = network.getLayer(index);
                for (Map.Entry<String, INDArray> parameter : layer.paramTable().entrySet()) {
                    INDArray gradient = gradients.get(index + "_" + parameter.getKey());
                    ParameterLayout.Role role = role(parameter.getKey());
                    boolean statistic = role == ParameterLayout.Role.MEAN || role == ParameterLayout.Role.VARIANCE;
                    if (gradient != null && (statistic || rule.rate(role) > 0)) {
                        update(layer, index, parameter.getKey(), parameter.getValue(), gradient, batch.count(), step,
                                rule.rate(role), rule.decay(role));
                    }
                }
            }
        }
        return network.score();
    }

    /** @return the neutral role of a DL4J parameter key */
    private static ParameterLayout.Role role(String key) {
        return switch (key) {
            case "W" -> ParameterLayout.Role.WEIGHT;
            case "b" -> ParameterLayout.Role.BIAS;
            case "gamma" -> ParameterLayout.Role.GAMMA;
            case "beta" -> ParameterLayout.Role.BETA;
            case "mean" -> ParameterLayout.Role.MEAN;
            case "var" -> ParameterLayout.Role.VARIANCE;
            default -> throw new IllegalStateException("unexpected DL4J parameter " + key);
        };
    }

    private void update(Layer layer, int index, String name, INDArray value, INDArray gradient, int count,
            SolverStep step, double multiple, double decay) {
        if (layer.updaterDivideByMinibatch(name)) {
            gradient.divi(count);
            if (decay > 0) {
                Nd4j.exec(new Axpy(value, gradient, gradient, decay));
                INDArray start = starts.get(index + "_" + name);
                if (start != null) {
                    Nd4j.exec(new Axpy(start, gradient, gradient, -decay));
                }
            }
            gradient.muli(step.learningRate() * multiple);
            if (step.momentum() > 0) {
                INDArray velocity = velocities.computeIfAbsent(index + "_" + name,
                        k -> Nd4j.zeros(gradient.dataType(), gradient.shape()));
                velocity.muli(step.momentum()).addi(gradient);
                gradient.assign(velocity);
            }
        }
        value.subi(gradient);
    }

    @Override
    public Gradients gradients(Batch batch) {
        MultiLayerNetwork network = backward(batch);
        double loss = network.score();
        List<LayerWeights> layers = Parameters.gradients(network, request.spec(), built.blocks(), request.first(),
                training.stream().map(LayerTraining::updated).toList(), batch.count());
        float[] probabilities = network.output(features(batch), false).dup('c').data().asFloat();
        return new Gradients(loss, probabilities, layers);
    }

    private MultiLayerNetwork backward(Batch batch) {
        MultiLayerNetwork network = built.network();
        network.setInput(features(batch));
        network.setLabels(labels(batch));
        network.computeGradientAndScore();
        return network;
    }

    @Override
    public List<LayerWeights> weights() {
        return Parameters.extract(built.network(), request.spec(), built.blocks(), request.first());
    }

    @Override
    public void close() {
        built.network().clear();
    }

    private INDArray features(Batch batch) {
        var spec = request.spec();
        int first = request.first();
        InputShape shape = first == 1 ? spec.input() : spec.hiddenShapes().get(first - 2);
        boolean convolutional = first == 1 ? ModelFactory.convolutionalInput(spec)
                : spec.layer(first - 1) instanceof ConvolutionLayer;
        long[] dims = convolutional
                ? new long[] {batch.count(), shape.channels(), shape.height(), shape.width()}
                : new long[] {batch.count(), shape.size()};
        return Nd4j.create(batch.inputs(), dims, 'c');
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
