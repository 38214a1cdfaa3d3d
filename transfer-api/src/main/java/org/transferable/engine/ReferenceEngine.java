package org.transferable.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transferable.weights.LayerWeights;

/**
 * A complete engine in plain Java, double precision, on {@link ReferenceNetwork}: about a thousand times slower
 * than a native one, exact to double rounding, and the smallest engine this SPI admits (it implements
 * {@link #name()}, {@link #version()} and {@link #build}). It exists to check the template and the native engines
 * against; it is not registered with {@link java.util.ServiceLoader}, so {@link org.transferable.network.Backends}
 * never picks it. Networks without batch normalisation only.
 */
public final class ReferenceEngine implements Engine {
    /** The name it records in provenance. */
    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "plain Java " + Runtime.version().feature() + " (double precision)";
    }

    /** @return a limit that changes nothing: this engine runs on the calling thread only */
    @Override
    public Optional<ThreadLimit> limitThreads(int threads) {
        return Optional.of(() -> {
        });
    }

    @Override
    public EngineModel build(ModelRequest request) {
        return new Model(request);
    }

    /** A reference network with the solver's velocities. */
    private static final class Model implements EngineModel {
        private final ModelRequest request;
        private final ReferenceNetwork network;
        private final Map<String, double[]> velocities = new HashMap<>();
        private final Map<Integer, double[]> starts = new HashMap<>();
        private List<LayerTraining> training;

        Model(ModelRequest request) {
            this.request = request;
            this.network = new ReferenceNetwork(request, true);
            this.training = request.training();
            for (int n = request.first(); n <= request.spec().layerCount(); n++) {
                if (request.training(n).towardStart()) {
                    starts.put(n, network.value(n, "weight"));
                }
            }
        }

        @Override
        public float[] forward(Batch batch, int to) {
            double[] out = network.forward(batch.inputs(), batch.count(), to);
            float[] values = new float[out.length];
            for (int i = 0; i < out.length; i++) {
                values[i] = (float) out[i];
            }
            return values;
        }

        @Override
        public float[] forwardAsInStep(Batch batch, int to) {
            return forward(batch, to);
        }

        @Override
        public double step(Batch batch, SolverStep step) {
            ReferenceNetwork.Pass pass = network.run(batch.inputs(), batch.labels());
            for (int n = request.first(); n <= request.spec().layerCount(); n++) {
                LayerTraining layer = training.get(n - request.first());
                for (String tensor : List.of("weight", "bias")) {
                    double rate = tensor.equals("weight") ? layer.weightRate() : layer.biasRate();
                    if (rate == 0) {
                        continue;
                    }
                    double[] g = network.lastGradient(n, tensor);
                    double[] w = network.value(n, tensor);
                    double decay = tensor.equals("weight") ? layer.weightDecay() : 0.0;
                    double[] start = tensor.equals("weight") && layer.towardStart() ? starts.get(n) : null;
                    double[] v = velocities.computeIfAbsent(n + "/" + tensor, k -> new double[g.length]);
                    for (int i = 0; i < g.length; i++) {
                        double pull = decay * (start == null ? w[i] : w[i] - start[i]);
                        v[i] = step.momentum() * v[i] + step.learningRate() * rate * (g[i] + pull);
                        g[i] = -v[i];
                    }
                    network.add(n, tensor, g);
                }
            }
            return pass.loss();
        }

        @Override
        public void configure(List<LayerTraining> value, boolean resetSolver) {
            training = request.checkReconfiguration(value);
            network.configure(training);
            if (resetSolver) {
                velocities.clear();
            }
        }

        @Override
        public Gradients gradients(Batch batch) {
            ReferenceNetwork.Pass pass = network.run(batch.inputs(), batch.labels());
            float[] probabilities = new float[pass.probabilities().length];
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = (float) pass.probabilities()[i];
            }
            return new Gradients(pass.loss(), probabilities, pass.gradients());
        }

        @Override
        public List<LayerWeights> weights() {
            return network.weights();
        }

        @Override
        public void close() {
            // nothing native
        }
    }
}
