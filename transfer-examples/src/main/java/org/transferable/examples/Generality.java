package org.transferable.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.transferable.data.LabelledImages;
import org.transferable.data.Task;
import org.transferable.json.Json;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.similarity.LayerProfile;
import org.transferable.train.TrainingConfig;

/**
 * Training-free generality profile of a network's layers for a target task: per hidden layer n the label CKA,
 * LogME and H-score of the source's layer-n features on the target images (and, with {@code --compare}, the
 * minibatch CKA of layer n of the two networks), LEEP and NCE of its outputs, a suggested cut, and the wall time.
 * Writes {@code generality.png} (each profile normalised to [0, 1] against n) and {@code generality.json}.
 *
 * <p>Options: {@code --network DIR} a saved network (default: train baseA on Fashion-MNIST classes 0-4 with
 * {@code --train-per-class N} (1000), {@code --epochs E} (3), {@code --seed S} (42), saved to {@code OUT/baseA});
 * {@code --data DIR} an IDX data set whose test images are the target (default: Fashion-MNIST classes 5-9);
 * {@code --images N} the first N target test images (default 5000, all when fewer); {@code --compare DIR} a second
 * saved network of the same spec; {@code --backend NAME}; {@code --out DIR} (default {@code runs/generality}).
 *
 * <p>Suggested cut: the layer n with the highest LogME ({@link LayerProfile#argmax()}): copying layers 1..n keeps
 * the features that fit the target's labels best by the evidence of a linear model on them.
 */
public final class Generality {
    static final Set<String> OPTIONS = Set.of("network", "data", "images", "compare", "backend", "out",
            "train-per-class", "epochs", "seed");

    private Generality() {
    }

    /**
     * Profiles a network (given or trained) for a target task and writes the figure and the JSON.
     *
     * @param args the options above; none needed
     */
    public static void main(String[] args) {
        try {
            run(ExampleArgs.parse(args, OPTIONS, Set.of("skip-unreadable")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(ExampleArgs args) throws IOException {
        long start = System.nanoTime();
        Backend backend = args.has("backend") ? Backends.load(args.text("backend", "")) : Backends.preferred();
        Path out = args.path("out", Path.of("runs", "generality"));
        Files.createDirectories(out);
        LabelledImages target = target(args);    // first: a data set that does not load fails before any training
        Network source = args.has("network") ? backend.load(args.path("network", null)) : trainBase(args, backend, out);
        Optional<Network> compare = args.has("compare") ? Optional.of(backend.load(args.path("compare", null)))
                : Optional.empty();
        System.out.printf("backend %s (%s)%nsource %s%ntarget %d images in %d classes %s%n", backend.name(),
                backend.engineVersion(), source, target.size(), target.classCount(), target.classNames());

        org.transferable.generality.Generality generality = org.transferable.generality.Generality.defaults();
        long profileStart = System.nanoTime();
        List<LayerProfile> profiles = new ArrayList<>(List.of(generality.labelCka(source, target),
                generality.logMe(source, target), generality.hScore(source, target)));
        if (compare.isPresent()) {
            profiles.add(generality.similarity(source, compare.get(), target));
        }
        long leepStart = System.nanoTime();
        double leep = generality.leep(source, target);
        double nce = generality.nce(source, target);
        double outputSeconds = (System.nanoTime() - leepStart) / 1e9;
        double profileSeconds = (System.nanoTime() - profileStart) / 1e9;
        int cut = profiles.get(1).argmax();

        System.out.print(table(source, profiles));
        System.out.printf("LEEP %.4f, NCE %.4f (%.2f s)%n", leep, nce, outputSeconds);
        System.out.printf("suggested cut: n = %d (%s), the layer with the highest LogME%n", cut,
                source.spec().layer(cut).name());
        for (LayerProfile p : profiles) {
            System.out.printf("%s: %.2f s%n", p.measure(), p.seconds());
        }
        System.out.printf("profile of %d images: %.2f s%n", target.size(), profileSeconds);

        GeneralityFigure.write(source, profiles, target.size(), backend.name(), out.resolve("generality.png"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("network", source.toString());
        json.put("spec", source.spec().name());
        json.put("layers", source.spec().layerNames().subList(0, source.spec().layerCount() - 1));
        json.put("images", target.size());
        json.put("profiles", profiles);
        json.put("leep", leep);
        json.put("nce", nce);
        json.put("suggestedCut", cut);
        json.put("profileSeconds", profileSeconds);
        json.put("origin", RunOrigin.describe(backend.name()));
        Json.writeAtomically(out.resolve("generality.json"), json);
        System.out.printf("wrote %s and %s in %.1f s in all%n", out.resolve("generality.png"),
                out.resolve("generality.json"), (System.nanoTime() - start) / 1e9);
    }

    /** @return the per-layer table: a header, then one row per hidden layer */
    static String table(Network source, List<LayerProfile> profiles) {
        StringBuilder s = new StringBuilder(String.format("%3s  %-8s", "n", "layer"));
        for (LayerProfile p : profiles) {
            s.append(String.format("  %14s", p.measure().equals("minibatch CKA") ? "CKA vs compared" : p.measure()));
        }
        s.append('\n');
        for (int n = 1; n < source.spec().layerCount(); n++) {
            s.append(String.format("%3d  %-8s", n, source.spec().layer(n).name()));
            for (LayerProfile p : profiles) {
                s.append(String.format("  %14.4f", p.value(n)));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static LabelledImages target(ExampleArgs args) throws IOException {
        LabelledImages test = args.has("data") ? FashionMnist.load(args.path("data", null), List.of(),
                args.has("skip-unreadable")).test()
                : FashionMnist.load().test().remap(List.of(5, 6, 7, 8, 9));
        int images = args.integer("images", 5000, 1, Integer.MAX_VALUE);
        return test.head(Math.min(images, test.size()));
    }

    private static Network trainBase(ExampleArgs args, Backend backend, Path out) throws IOException {
        LabelledImages all = FashionMnist.load().train().remap(List.of(0, 1, 2, 3, 4));
        LabelledImages test = FashionMnist.load().test().remap(List.of(0, 1, 2, 3, 4));
        Task a = new Task("A", all.perClass(args.integer("train-per-class", 1000, 1, 6000), 1),
                test.perClass(500, 2));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(args.integer("epochs", 3, 1, 10_000))
                .withSeed(args.integer("seed", 42, 0, Integer.MAX_VALUE));
        long start = System.nanoTime();
        Network base = backend.train(PaperNetworks.small(), a, config);
        base.save(out.resolve("baseA"));
        System.out.printf("baseA (%s) trained on %d images of classes 0-4 in %.1f s, test accuracy %.4f, saved to"
                + " %s%n", base.spec().name(), a.train().size(), (System.nanoTime() - start) / 1e9,
                base.evaluate(a.test()).accuracy(), out.resolve("baseA"));
        return base;
    }
}
