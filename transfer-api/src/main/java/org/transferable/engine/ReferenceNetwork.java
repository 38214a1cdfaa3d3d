package org.transferable.engine;

import java.util.ArrayList;
import java.util.List;
import org.transferable.network.LayerWeights;
import org.transferable.network.NetworkWeights;
import org.transferable.network.Tensor;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.LayerSpec;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;

/**
 * A plain-Java, double-precision forward and backward pass of a spec, written for clarity rather than speed: the
 * yardstick the engines are checked against ({@link EngineCheck}). It computes what every backend computes for a
 * network without batch normalisation and with dropout off: per convolution {@code conv -> ReLU -> [max pool]},
 * per dense layer {@code linear -> ReLU}, the output's logits, the mean softmax cross-entropy over the batch, and
 * the gradient of that loss with respect to every tensor, in the neutral layout of {@link Tensor}.
 *
 * <p>Max pooling sends a window's gradient to the first position that holds its maximum (row-major order), as
 * PyTorch and DL4J do; with random inputs a tie between two positive values does not occur.
 */
public final class ReferenceNetwork {
    private final NetworkSpec spec;
    private final NetworkWeights weights;

    /**
     * @param spec the architecture; no layer may use batch normalisation
     * @param weights its weights in the neutral layout
     * @throws IllegalArgumentException when a layer uses batch normalisation
     */
    public ReferenceNetwork(NetworkSpec spec, NetworkWeights weights) {
        for (LayerSpec layer : spec.layers()) {
            boolean batchNorm = layer instanceof ConvolutionLayer conv ? conv.batchNorm()
                    : layer instanceof DenseLayer dense && dense.batchNorm();
            if (batchNorm) {
                throw new IllegalArgumentException("the reference network has no batch normalisation; layer "
                        + layer.name() + " uses it");
            }
        }
        this.spec = spec;
        this.weights = weights;
    }

    /**
     * The outcome of one forward and backward pass.
     *
     * @param loss the mean softmax cross-entropy over the batch
     * @param logits the output layer's values, [examples, classes] row by row
     * @param gradients d loss / d tensor for every tensor, in the weights' layout
     */
    public record Pass(double loss, double[] logits, NetworkWeights gradients) {
    }

    /**
     * Runs the batch forward and backward.
     *
     * @param images the examples, each of the spec's input shape, row-major, one after another
     * @param labels one class index per example
     * @return the loss, the logits and the gradients
     */
    public Pass run(float[] images, int[] labels) {
        int batch = labels.length;
        int layers = spec.layerCount();
        List<double[]> inputs = new ArrayList<>();
        List<double[]> preActivations = new ArrayList<>();
        List<int[]> poolArgMax = new ArrayList<>();
        double[] x = new double[images.length];
        for (int i = 0; i < images.length; i++) {
            x[i] = images[i];
        }
        for (int n = 1; n <= layers; n++) {
            inputs.add(x);
            LayerWeights w = weights.layer(n);
            InputShape in = n == 1 ? spec.input() : spec.hiddenShapes().get(n - 2);
            if (spec.layer(n) instanceof ConvolutionLayer conv) {
                double[] z = convolve(x, batch, in, conv, w);
                preActivations.add(z);
                double[] a = relu(z);
                int[] argMax = conv.pooling() instanceof Pooling.Max ? new int[batch * spec.hiddenShapes().get(n - 1).size()]
                        : null;
                poolArgMax.add(argMax);
                x = argMax == null ? a : pool(a, batch, convolved(in, conv), (Pooling.Max) conv.pooling(), argMax);
            } else {
                int out = w.tensor("bias").size();
                double[] z = linear(x, batch, in.size(), out, w);
                preActivations.add(z);
                poolArgMax.add(null);
                x = n == layers ? z : relu(z);
            }
        }
        double[] logits = x;
        int classes = logits.length / batch;
        double loss = 0;
        double[] grad = new double[logits.length];
        for (int b = 0; b < batch; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[b * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[b * classes + c] - max);
            }
            loss += -(logits[b * classes + labels[b]] - max - Math.log(sum));
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(logits[b * classes + c] - max) / sum;
                grad[b * classes + c] = (p - (c == labels[b] ? 1 : 0)) / batch;
            }
        }
        List<LayerWeights> gradients = new ArrayList<>();
        for (int n = layers; n >= 1; n--) {
            LayerWeights w = weights.layer(n);
            InputShape in = n == 1 ? spec.input() : spec.hiddenShapes().get(n - 2);
            double[] dz;
            if (spec.layer(n) instanceof ConvolutionLayer conv) {
                double[] z = preActivations.get(n - 1);
                double[] da = poolArgMax.get(n - 1) == null ? grad
                        : unpool(grad, z.length, poolArgMax.get(n - 1));
                dz = reluBackward(da, z);
                double[][] dwdb = new double[2][];
                grad = convolveBackward(inputs.get(n - 1), dz, batch, in, conv, w, dwdb);
                gradients.add(0, layerGradients(w, dwdb[0], dwdb[1]));
            } else {
                dz = n == layers ? grad : reluBackward(grad, preActivations.get(n - 1));
                int out = w.tensor("bias").size();
                double[][] dwdb = new double[2][];
                grad = linearBackward(inputs.get(n - 1), dz, batch, in.size(), out, w, dwdb);
                gradients.add(0, layerGradients(w, dwdb[0], dwdb[1]));
            }
        }
        return new Pass(loss / batch, logits, new NetworkWeights(gradients));
    }

    private static LayerWeights layerGradients(LayerWeights w, double[] weight, double[] bias) {
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : w.tensors()) {
            double[] g = t.name().equals("weight") ? weight : bias;
            float[] values = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                values[i] = (float) g[i];
            }
            tensors.add(new Tensor(t.name(), t.shape(), values));
        }
        return new LayerWeights(w.layer(), tensors);
    }

    private static InputShape convolved(InputShape in, ConvolutionLayer conv) {
        int h = (in.height() + 2 * conv.padding() - conv.kernel()) / conv.stride() + 1;
        int w = (in.width() + 2 * conv.padding() - conv.kernel()) / conv.stride() + 1;
        return new InputShape(conv.filters(), h, w);
    }

    private static double[] convolve(double[] x, int batch, InputShape in, ConvolutionLayer conv, LayerWeights w) {
        InputShape out = convolved(in, conv);
        Tensor weight = w.tensor("weight");
        Tensor bias = w.tensor("bias");
        int k = conv.kernel();
        double[] z = new double[batch * out.size()];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out.channels(); o++) {
                for (int r = 0; r < out.height(); r++) {
                    for (int c = 0; c < out.width(); c++) {
                        double sum = bias.get(o);
                        for (int i = 0; i < in.channels(); i++) {
                            for (int u = 0; u < k; u++) {
                                int row = r * conv.stride() - conv.padding() + u;
                                for (int v = 0; v < k; v++) {
                                    int col = c * conv.stride() - conv.padding() + v;
                                    if (row >= 0 && row < in.height() && col >= 0 && col < in.width()) {
                                        sum += weight.get(((o * in.channels() + i) * k + u) * k + v)
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
            LayerWeights w, double[][] dwdb) {
        InputShape out = convolved(in, conv);
        Tensor weight = w.tensor("weight");
        int k = conv.kernel();
        double[] dx = new double[x.length];
        double[] dw = new double[weight.size()];
        double[] db = new double[out.channels()];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out.channels(); o++) {
                for (int r = 0; r < out.height(); r++) {
                    for (int c = 0; c < out.width(); c++) {
                        double g = dz[((b * out.channels() + o) * out.height() + r) * out.width() + c];
                        db[o] += g;
                        for (int i = 0; i < in.channels(); i++) {
                            for (int u = 0; u < k; u++) {
                                int row = r * conv.stride() - conv.padding() + u;
                                for (int v = 0; v < k; v++) {
                                    int col = c * conv.stride() - conv.padding() + v;
                                    if (row >= 0 && row < in.height() && col >= 0 && col < in.width()) {
                                        int xi = ((b * in.channels() + i) * in.height() + row) * in.width() + col;
                                        int wi = ((o * in.channels() + i) * k + u) * k + v;
                                        dw[wi] += g * x[xi];
                                        dx[xi] += g * weight.get(wi);
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

    private static double[] unpool(double[] grad, int size, int[] argMax) {
        double[] out = new double[size];
        for (int o = 0; o < grad.length; o++) {
            out[argMax[o]] += grad[o];
        }
        return out;
    }

    private static double[] linear(double[] x, int batch, int in, int out, LayerWeights w) {
        Tensor weight = w.tensor("weight");
        Tensor bias = w.tensor("bias");
        double[] z = new double[batch * out];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                double sum = bias.get(o);
                for (int i = 0; i < in; i++) {
                    sum += x[b * in + i] * weight.get(i * out + o);
                }
                z[b * out + o] = sum;
            }
        }
        return z;
    }

    private static double[] linearBackward(double[] x, double[] dz, int batch, int in, int out, LayerWeights w,
            double[][] dwdb) {
        Tensor weight = w.tensor("weight");
        double[] dx = new double[batch * in];
        double[] dw = new double[in * out];
        double[] db = new double[out];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                double g = dz[b * out + o];
                db[o] += g;
                for (int i = 0; i < in; i++) {
                    dw[i * out + o] += g * x[b * in + i];
                    dx[b * in + i] += g * weight.get(i * out + o);
                }
            }
        }
        dwdb[0] = dw;
        dwdb[1] = db;
        return dx;
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
}
