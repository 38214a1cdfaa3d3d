package org.transferable.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.transferable.spec.Activation;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.LayerSpec;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.Tensor;

/**
 * Layers {@code first..L} of a spec in plain Java and double precision, written for clarity rather than speed: the
 * yardstick the engines are checked against ({@link EngineCheck}) and the model of {@link ReferenceEngine}. It
 * computes what every backend computes for a network without batch normalisation: per convolution
 * {@code conv -> activation -> [max or average pool]}, per dense layer {@code linear -> activation} (ReLU, leaky
 * ReLU, tanh, sigmoid or identity, {@link Activation}), a hidden layer's dropout (dense or convolution, after its
 * pooling) applied at the input of the next layer when that layer is trained, the output's softmax, the mean
 * softmax cross-entropy over the batch, and the gradient of that loss with respect to every tensor of the trained
 * layers, in the neutral layout of {@link Tensor}. Arithmetic is in double precision; {@link ReferenceEngine} also
 * rounds each layer's output to float, as every engine stores it, so that a head trained on cached outputs sees
 * exactly what the whole network computes.
 *
 * <p>A convolution pads {@link ConvolutionLayer#paddingBefore} zeros above and left of its input and
 * {@link ConvolutionLayer#paddingAfter} below and right of it, which differ by one in
 * {@link org.transferable.spec.PaddingMode#SAME} mode when the total is odd.
 *
 * <p>Max pooling sends a window's gradient to the first position that holds its maximum (row-major order), as
 * PyTorch and DL4J do; with random inputs a tie between two positive values does not occur.
 */
public final class ReferenceNetwork {
    private final NetworkSpec spec;
    private final int first;
    private List<LayerTraining> training;
    private final List<double[][]> values;
    private final List<String[]> names;
    private final SplittableRandom dropout;
    private final List<double[][]> lastGradients = new ArrayList<>();
    private final boolean floatOutputs;

    /**
     * A network that keeps every value in double precision.
     *
     * @param request the layers, their values and training rules; no layer may use batch normalisation
     * @throws IllegalArgumentException when a layer uses batch normalisation
     */
    public ReferenceNetwork(ModelRequest request) {
        this(request, false);
    }

    /**
     * @param request the layers, their values and training rules; no layer may use batch normalisation
     * @param floatOutputs whether each hidden layer's output is rounded to float
     * @throws IllegalArgumentException when a layer uses batch normalisation
     */
    ReferenceNetwork(ModelRequest request, boolean floatOutputs) {
        this.floatOutputs = floatOutputs;
        for (LayerSpec layer : request.spec().layers()) {
            boolean batchNorm = layer instanceof ConvolutionLayer conv ? conv.batchNorm()
                    : layer instanceof DenseLayer dense && dense.batchNorm();
            if (batchNorm) {
                throw new IllegalArgumentException("the reference network has no batch normalisation; layer "
                        + layer.name() + " uses it");
            }
        }
        this.spec = request.spec();
        this.first = request.first();
        this.training = request.training();
        this.values = new ArrayList<>();
        this.names = new ArrayList<>();
        for (LayerWeights layer : request.weights()) {
            double[][] tensors = new double[layer.tensors().size()][];
            String[] tensorNames = new String[tensors.length];
            for (int t = 0; t < tensors.length; t++) {
                Tensor tensor = layer.tensors().get(t);
                tensorNames[t] = tensor.name();
                tensors[t] = new double[tensor.size()];
                for (int i = 0; i < tensor.size(); i++) {
                    tensors[t][i] = tensor.get(i);
                }
            }
            values.add(tensors);
            names.add(tensorNames);
        }
        this.dropout = new SplittableRandom(request.seed());
    }

    /**
     * The outcome of one forward and backward pass.
     *
     * @param loss the mean softmax cross-entropy over the batch
     * @param probabilities the softmax outputs, [examples, classes] row by row
     * @param gradients per built layer, d loss / d tensor for each tensor (zero for a tensor that is not updated)
     */
    public record Pass(double loss, double[] probabilities, List<LayerWeights> gradients) {
    }

    /**
     * Inference: the outputs of layer {@code to} (after its activation and pooling; probabilities for the output).
     *
     * @param inputs the inputs of layer {@code first}, one example after another
     * @param count the number of examples
     * @param to the last layer, in [first, L]
     * @return the outputs
     */
    public double[] forward(float[] inputs, int count, int to) {
        double[] x = doubles(inputs);
        for (int n = first; n <= to; n++) {
            x = layerForward(n, x, count, null, null, false);
        }
        return to == spec.layerCount() ? softmax(x, count) : x;
    }

    /**
     * Forward in training mode and backward.
     *
     * @param inputs the inputs of layer {@code first}, one example after another
     * @param labels one class index per example
     * @return the loss, the probabilities and the gradients
     */
    public Pass run(float[] inputs, int[] labels) {
        int batch = labels.length;
        int last = spec.layerCount();
        List<double[]> layerInputs = new ArrayList<>();
        List<double[]> preActivations = new ArrayList<>();
        List<int[]> poolArgMax = new ArrayList<>();
        List<double[]> masks = new ArrayList<>();
        double[] x = doubles(inputs);
        for (int n = first; n <= last; n++) {
            double[] mask = null;
            double rate = n > 1 ? spec.layer(n - 1).outputDropout() : 0.0;
            if (rate > 0.0 && training.get(n - first).trainingMode()) {
                mask = new double[x.length];
                double keep = 1.0 / (1.0 - rate);
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = dropout.nextDouble() < rate ? 0.0 : keep;
                    x[i] *= mask[i];
                }
            }
            masks.add(mask);
            layerInputs.add(x);
            double[][] pre = new double[1][];
            int[][] argMax = new int[1][];
            x = layerForward(n, x, batch, pre, argMax, true);
            preActivations.add(pre[0]);
            poolArgMax.add(argMax[0]);
        }
        double[] probabilities = softmax(x, batch);
        int classes = probabilities.length / batch;
        double loss = 0;
        double[] grad = new double[probabilities.length];
        for (int b = 0; b < batch; b++) {
            loss += -Math.log(probabilities[b * classes + labels[b]]);
            for (int c = 0; c < classes; c++) {
                grad[b * classes + c] = (probabilities[b * classes + c] - (c == labels[b] ? 1 : 0)) / batch;
            }
        }
        List<LayerWeights> gradients = new ArrayList<>();
        lastGradients.clear();
        for (int n = last; n >= first; n--) {
            int i = n - first;
            InputShape in = inputShape(n);
            double[] weight = values.get(i)[index(i, "weight")];
            double[][] dwdb = new double[2][];
            if (spec.layer(n) instanceof ConvolutionLayer conv) {
                double[] z = preActivations.get(i);
                double[] da = conv.pooling() instanceof Pooling.Average average
                        ? averageUnpool(grad, batch, convolved(in, conv), average)
                        : poolArgMax.get(i) == null ? grad : unpool(grad, z.length, poolArgMax.get(i));
                grad = convolveBackward(layerInputs.get(i), activationBackward(da, z, conv.activation()), batch, in,
                        conv, weight, dwdb);
            } else {
                double[] dz = n == last ? grad
                        : activationBackward(grad, preActivations.get(i), ((DenseLayer) spec.layer(n)).activation());
                grad = linearBackward(layerInputs.get(i), dz, batch, in.size(), units(i), weight, dwdb);
            }
            if (masks.get(i) != null) {
                for (int k = 0; k < grad.length; k++) {
                    grad[k] *= masks.get(i)[k];
                }
            }
            if (training.get(i).weightRate() == 0) {
                dwdb[0] = new double[dwdb[0].length];
            }
            if (training.get(i).biasRate() == 0) {
                dwdb[1] = new double[dwdb[1].length];
            }
            gradients.add(0, layerGradients(i, dwdb[0], dwdb[1]));
            lastGradients.add(0, dwdb);
        }
        return new Pass(loss / batch, probabilities, gradients);
    }

    /**
     * Changes how the layers train from the next {@link #run} on.
     *
     * @param value for layers first..L, checked by {@link ModelRequest#checkReconfiguration}
     */
    void configure(List<LayerTraining> value) {
        training = List.copyOf(value);
    }

    /**
     * The gradient of a tensor from the last {@link #run}, in double precision.
     *
     * @param n a layer of the whole network, in [first, L]
     * @param tensor {@code weight} or {@code bias}
     * @return the values, in the tensor's layout
     */
    double[] lastGradient(int n, String tensor) {
        return lastGradients.get(n - first)[tensor.equals("weight") ? 0 : 1].clone();
    }

    /**
     * Adds {@code delta} to a tensor of layer n (of the whole network).
     *
     * @param n the layer
     * @param tensor the tensor's name
     * @param delta the change, in the tensor's layout
     */
    void add(int n, String tensor, double[] delta) {
        double[] target = values.get(n - first)[index(n - first, tensor)];
        for (int i = 0; i < target.length; i++) {
            target[i] += delta[i];
        }
    }

    /** @return the current value of a tensor of layer n (of the whole network), a copy */
    double[] value(int n, String tensor) {
        return values.get(n - first)[index(n - first, tensor)].clone();
    }

    /** @return the current values of layers first..L, as floats */
    List<LayerWeights> weights() {
        List<LayerWeights> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(layerGradients(i, values.get(i)[index(i, "weight")], values.get(i)[index(i, "bias")]));
        }
        return out;
    }

    private double[] layerForward(int n, double[] x, int batch, double[][] pre, int[][] argMax, boolean keep) {
        int i = n - first;
        InputShape in = inputShape(n);
        double[] weight = values.get(i)[index(i, "weight")];
        double[] bias = values.get(i)[index(i, "bias")];
        if (spec.layer(n) instanceof ConvolutionLayer conv) {
            double[] z = convolve(x, batch, in, conv, weight, bias);
            double[] a = activate(z, conv.activation());
            int[] positions = conv.pooling() instanceof Pooling.Max ? new int[batch * spec.hiddenShapes().get(n - 1)
                    .size()] : null;
            if (keep) {
                pre[0] = z;
                argMax[0] = positions;
            }
            if (conv.pooling() instanceof Pooling.Average average) {
                return toFloatPrecision(averagePool(a, batch, convolved(in, conv), average));
            }
            return toFloatPrecision(positions == null ? a
                    : pool(a, batch, convolved(in, conv), (Pooling.Max) conv.pooling(), positions));
        }
        double[] z = linear(x, batch, in.size(), units(i), weight, bias);
        if (keep) {
            pre[0] = z;
        }
        return n == spec.layerCount() ? z : toFloatPrecision(activate(z, ((DenseLayer) spec.layer(n)).activation()));
    }

    private double[] toFloatPrecision(double[] values) {
        for (int i = 0; floatOutputs && i < values.length; i++) {
            values[i] = (float) values[i];
        }
        return values;
    }

    private InputShape inputShape(int n) {
        return n == 1 ? spec.input() : spec.hiddenShapes().get(n - 2);
    }

    private int units(int i) {
        return values.get(i)[index(i, "bias")].length;
    }

    private int index(int i, String name) {
        String[] tensorNames = names.get(i);
        for (int t = 0; t < tensorNames.length; t++) {
            if (tensorNames[t].equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("layer " + (i + first) + " has no tensor " + name);
    }

    private LayerWeights layerGradients(int i, double[] weight, double[] bias) {
        LayerSpec layer = spec.layer(i + first);
        InputShape in = inputShape(i + first);
        List<Integer> weightShape = layer instanceof ConvolutionLayer conv
                ? List.of(conv.filters(), in.channels(), conv.kernel(), conv.kernel())
                : List.of(in.size(), bias.length);
        Tensor w = new Tensor("weight", weightShape, floats(weight));
        Tensor b = new Tensor("bias", List.of(bias.length), floats(bias));
        return new LayerWeights(layer.name(), layer instanceof ConvolutionLayer ? List.of(b, w) : List.of(w, b));
    }

    private static double[] softmax(double[] logits, int batch) {
        int classes = logits.length / batch;
        double[] out = new double[logits.length];
        for (int b = 0; b < batch; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[b * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[b * classes + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                out[b * classes + c] = Math.exp(logits[b * classes + c] - max) / sum;
            }
        }
        return out;
    }

    private static InputShape convolved(InputShape in, ConvolutionLayer conv) {
        return new InputShape(conv.filters(), conv.outputSide(in.height()), conv.outputSide(in.width()));
    }

    private static double[] convolve(double[] x, int batch, InputShape in, ConvolutionLayer conv, double[] weight,
            double[] bias) {
        InputShape out = convolved(in, conv);
        int k = conv.kernel();
        int top = conv.paddingBefore(in.height());
        int left = conv.paddingBefore(in.width());
        double[] z = new double[batch * out.size()];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out.channels(); o++) {
                for (int r = 0; r < out.height(); r++) {
                    for (int c = 0; c < out.width(); c++) {
                        double sum = bias[o];
                        for (int i = 0; i < in.channels(); i++) {
                            for (int u = 0; u < k; u++) {
                                int row = r * conv.stride() - top + u;
                                for (int v = 0; v < k; v++) {
                                    int col = c * conv.stride() - left + v;
                                    if (row >= 0 && row < in.height() && col >= 0 && col < in.width()) {
                                        sum += weight[((o * in.channels() + i) * k + u) * k + v]
                                                * x[((b * in.channels() + i) * in.height() + row) * in.width() + col];
                                    }
                                }
                            }
                        }
                        z[((b * out.channels() + o) * out.height() + r) * out.width() + c] = sum;
                    }
                }
            }
        }
        return z;
    }

    /** @return d loss / d input; fills {@code dwdb} with the weight and bias gradients */
    private static double[] convolveBackward(double[] x, double[] dz, int batch, InputShape in, ConvolutionLayer conv,
            double[] weight, double[][] dwdb) {
        InputShape out = convolved(in, conv);
        int k = conv.kernel();
        int top = conv.paddingBefore(in.height());
        int left = conv.paddingBefore(in.width());
        double[] dx = new double[x.length];
        double[] dw = new double[weight.length];
        double[] db = new double[out.channels()];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out.channels(); o++) {
                for (int r = 0; r < out.height(); r++) {
                    for (int c = 0; c < out.width(); c++) {
                        double g = dz[((b * out.channels() + o) * out.height() + r) * out.width() + c];
                        db[o] += g;
                        for (int i = 0; i < in.channels(); i++) {
                            for (int u = 0; u < k; u++) {
                                int row = r * conv.stride() - top + u;
                                for (int v = 0; v < k; v++) {
                                    int col = c * conv.stride() - left + v;
                                    if (row >= 0 && row < in.height() && col >= 0 && col < in.width()) {
                                        int xi = ((b * in.channels() + i) * in.height() + row) * in.width() + col;
                                        int wi = ((o * in.channels() + i) * k + u) * k + v;
                                        dw[wi] += g * x[xi];
                                        dx[xi] += g * weight[wi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        dwdb[0] = dw;
        dwdb[1] = db;
        return dx;
    }

    private static double[] pool(double[] a, int batch, InputShape in, Pooling.Max max, int[] argMax) {
        int h = max.outputSide(in.height());
        int w = max.outputSide(in.width());
        double[] out = new double[batch * in.channels() * h * w];
        for (int p = 0; p < batch * in.channels(); p++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int best = -1;
                    for (int u = 0; u < max.size(); u++) {
                        for (int v = 0; v < max.size(); v++) {
                            int index = (p * in.height() + r * max.stride() + u) * in.width() + c * max.stride() + v;
                            if (best < 0 || a[index] > a[best]) {
                                best = index;
                            }
                        }
                    }
                    int o = (p * h + r) * w + c;
                    out[o] = a[best];
                    argMax[o] = best;
                }
            }
        }
        return out;
    }

    private static double[] averagePool(double[] a, int batch, InputShape in, Pooling.Average average) {
        int h = average.outputSide(in.height());
        int w = average.outputSide(in.width());
        int window = average.size() * average.size();
        double[] out = new double[batch * in.channels() * h * w];
        for (int p = 0; p < batch * in.channels(); p++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double sum = 0;
                    for (int u = 0; u < average.size(); u++) {
                        for (int v = 0; v < average.size(); v++) {
                            sum += a[(p * in.height() + r * average.stride() + u) * in.width() + c * average.stride()
                                    + v];
                        }
                    }
                    out[(p * h + r) * w + c] = sum / window;
                }
            }
        }
        return out;
    }

    /** @return d loss / d pooling input: each output's gradient shared equally by its window's inputs */
    private static double[] averageUnpool(double[] grad, int batch, InputShape in, Pooling.Average average) {
        int h = average.outputSide(in.height());
        int w = average.outputSide(in.width());
        int window = average.size() * average.size();
        double[] out = new double[batch * in.size()];
        for (int p = 0; p < batch * in.channels(); p++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double g = grad[(p * h + r) * w + c] / window;
                    for (int u = 0; u < average.size(); u++) {
                        for (int v = 0; v < average.size(); v++) {
                            out[(p * in.height() + r * average.stride() + u) * in.width() + c * average.stride()
                                    + v] += g;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static double[] unpool(double[] grad, int size, int[] argMax) {
        double[] out = new double[size];
        for (int o = 0; o < grad.length; o++) {
            out[argMax[o]] += grad[o];
        }
        return out;
    }

    private static double[] linear(double[] x, int batch, int in, int out, double[] weight, double[] bias) {
        double[] z = new double[batch * out];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                double sum = bias[o];
                for (int i = 0; i < in; i++) {
                    sum += x[b * in + i] * weight[i * out + o];
                }
                z[b * out + o] = sum;
            }
        }
        return z;
    }

    private static double[] linearBackward(double[] x, double[] dz, int batch, int in, int out, double[] weight,
            double[][] dwdb) {
        double[] dx = new double[batch * in];
        double[] dw = new double[in * out];
        double[] db = new double[out];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                double g = dz[b * out + o];
                db[o] += g;
                for (int i = 0; i < in; i++) {
                    dw[i * out + o] += g * x[b * in + i];
                    dx[b * in + i] += g * weight[i * out + o];
                }
            }
        }
        dwdb[0] = dw;
        dwdb[1] = db;
        return dx;
    }

    private static double[] activate(double[] z, Activation activation) {
        if (activation == Activation.RELU) {
            return relu(z);
        }
        double[] a = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = activation.apply(z[i]);
        }
        return a;
    }

    private static double[] activationBackward(double[] grad, double[] z, Activation activation) {
        if (activation == Activation.RELU) {
            return reluBackward(grad, z);
        }
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = grad[i] * activation.derivative(z[i]);
        }
        return out;
    }

    private static double[] relu(double[] z) {
        double[] a = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = Math.max(0, z[i]);
        }
        return a;
    }

    private static double[] reluBackward(double[] grad, double[] z) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] > 0 ? grad[i] : 0;
        }
        return out;
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
