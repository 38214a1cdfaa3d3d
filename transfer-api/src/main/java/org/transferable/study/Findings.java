package org.transferable.study;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.transferable.Checks;

/**
 * Judges the paper's findings from a study's cells. Every rule reads 95% confidence intervals over splits
 * ({@link Estimate}) of paired per-split differences, with a margin {@code m} (default
 * {@value #DEFAULT_MARGIN}, one accuracy point) below which an effect does not matter. Two kinds of claim:
 * <ul>
 * <li><b>"d &gt; 0"</b> (an effect exists): REPRODUCED if the interval lies above 0; else NOT_REPRODUCED if its
 * upper bound is below m (any effect is smaller than the margin); else INCONCLUSIVE.</li>
 * <li><b>"d &ge; 0"</b> (no loss): REPRODUCED if the lower bound is at least -m (any loss is within the margin);
 * else NOT_REPRODUCED if the upper bound is below 0 (a significant loss beyond the margin); else
 * INCONCLUSIVE.</li>
 * </ul>
 * A single split gives no interval, so every claim on it is INCONCLUSIVE. A finding whose treatments have no
 * measured cell is INCONCLUSIVE with evidence starting {@code not measured}. The rules, with L the network's
 * layer count and n over the measured n values:
 * <ol>
 * <li>{@link Finding#CO_ADAPTATION}: claim "d &gt; 0" for d = baseB - BnB at each middle n (2 &le; n &le; L-2).
 * REPRODUCED if it holds at some middle n, NOT_REPRODUCED if it fails at every one. (No correction for testing
 * several n; the evidence lists them all. The paper's recovery near the top is not judged: read it from
 * {@link StudyResult#generality()} at n = L-1.)</li>
 * <li>{@link Finding#FINE_TUNING_REPAIRS_CO_ADAPTATION}: claim "d &ge; 0" for d = BnB+ - baseB at every n.
 * NOT_REPRODUCED if it fails at some n, REPRODUCED if it holds at every n.</li>
 * <li>{@link Finding#SPECIFICITY}: claim "d &gt; 0" for the growth of the specificity loss from the smallest
 * to the largest measured n, d = (BnB - AnB)(top n) - (BnB - AnB)(first n), paired per split.</li>
 * <li>{@link Finding#TRANSFER_FINE_TUNED_GENERALISES}: claim "d &ge; 0" for d = AnB+ - baseB averaged over
 * the measured n within each split.</li>
 * <li>{@link Finding#RANDOM_WEIGHTS_WORSE}: claim "d &gt; 0" for d = AnB - RnB at every n &ge; 2.
 * NOT_REPRODUCED if it fails at some such n, REPRODUCED if it holds at every one.</li>
 * </ol>
 */
public final class Findings {
    /** The default margin: one accuracy point. */
    public static final double DEFAULT_MARGIN = 0.01;

    private Findings() {
    }

    /**
     * Judges findings 1 to 5a (5b needs two studies: {@link DropComparison#dissimilarTransfersWorse}).
     *
     * @param cells measured cells of one study
     * @param layerCount L, the network's layer count (for "middle n")
     * @param margin m, in [0, 1]
     * @return five verdicts in {@link Finding} order
     */
    public static List<FindingVerdict> assess(List<CellResult> cells, int layerCount, double margin) {
        Checks.inRange("margin", margin, 0.0, 1.0);
        Checks.inRange("layer count", layerCount, 2, 10_000);
        AccuracyTable table = new AccuracyTable(cells);
        List<LayerGenerality> generality = LayerGenerality.of(cells);
        return List.of(
                coAdaptation(table, generality, layerCount, margin),
                fineTuningRepairs(table, generality, margin),
                specificity(table, margin),
                transferFineTunedGeneralises(table, margin),
                randomWeightsWorse(table, generality, margin));
    }

    private static FindingVerdict coAdaptation(AccuracyTable t, List<LayerGenerality> g, int layers, double m) {
        Finding f = Finding.CO_ADAPTATION;
        List<LayerGenerality> middle = g.stream().filter(x -> x.n() >= 2 && x.n() <= layers - 2).toList();
        return perN(f, t, middle, GeneralityMeasure.CO_ADAPTATION_LOSS, Findings::positive, true, m, "baseB - BnB",
                "no middle n in [2, " + (layers - 2) + "] measured");
    }

    private static FindingVerdict fineTuningRepairs(AccuracyTable t, List<LayerGenerality> g, double m) {
        return perN(Finding.FINE_TUNING_REPAIRS_CO_ADAPTATION, t, g, GeneralityMeasure.SELFFER_FINE_TUNE_CHANGE,
                Findings::notBelow, false, m, "BnB+ - baseB", "no n measured");
    }

    private static FindingVerdict randomWeightsWorse(AccuracyTable t, List<LayerGenerality> g, double m) {
        List<LayerGenerality> above1 = g.stream().filter(x -> x.n() >= 2).toList();
        return perN(Finding.RANDOM_WEIGHTS_WORSE, t, above1, GeneralityMeasure.ADVANTAGE_OVER_RANDOM,
                Findings::positive, false, m,
                "AnB - RnB", "no n >= 2 measured");
    }

    private static FindingVerdict specificity(AccuracyTable t, double m) {
        Finding f = Finding.SPECIFICITY;
        Optional<FindingVerdict> missing = notMeasured(f, t);
        if (missing.isPresent()) {
            return missing.get();
        }
        GeneralityMeasure s = GeneralityMeasure.SPECIFICITY_LOSS;
        List<Integer> ns = t.nValues().stream()
                .filter(n -> t.estimate(k -> s.value(t, k, n)).isPresent()).toList();
        if (ns.size() < 2) {
            return new FindingVerdict(f, Verdict.INCONCLUSIVE, "needs BnB and AnB at 2 or more n, measured at " + ns);
        }
        int first = ns.get(0);
        int top = ns.get(ns.size() - 1);
        Optional<Estimate> growth = t.estimate(k -> AccuracyTable.minus(s.value(t, k, top), s.value(t, k, first)));
        String evidence = "BnB - AnB at n=" + first + ": " + signed(t.estimate(k -> s.value(t, k, first)).orElseThrow())
                + ", at n=" + top + ": " + signed(t.estimate(k -> s.value(t, k, top)).orElseThrow());
        if (growth.isEmpty()) {
            return new FindingVerdict(f, Verdict.INCONCLUSIVE, evidence + "; no split measured both n");
        }
        return new FindingVerdict(f, positive(growth.get(), m), evidence + "; growth " + signed(growth.get()),
                points(growth.get()) + " from n=" + first + " to n=" + top);
    }

    private static FindingVerdict transferFineTunedGeneralises(AccuracyTable t, double m) {
        Finding f = Finding.TRANSFER_FINE_TUNED_GENERALISES;
        Optional<FindingVerdict> missing = notMeasured(f, t);
        if (missing.isPresent()) {
            return missing.get();
        }
        GeneralityMeasure gain = GeneralityMeasure.FINE_TUNE_GAIN;
        List<Integer> ns = t.nValues().stream()
                .filter(n -> t.estimate(k -> gain.value(t, k, n)).isPresent()).toList();
        Optional<Estimate> mean = t.estimate(k -> ns.stream().map(n -> gain.value(t, k, n))
                .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).average());
        if (mean.isEmpty()) {
            return new FindingVerdict(f, Verdict.INCONCLUSIVE, "no split measured baseB and AnB+ together");
        }
        return new FindingVerdict(f, notBelow(mean.get(), m),
                "AnB+ - baseB averaged over n=" + ns + ": " + signed(mean.get()),
                points(mean.get()) + " averaged over n=" + ns);
    }

    private static FindingVerdict perN(Finding f, AccuracyTable t, List<LayerGenerality> g, GeneralityMeasure measure,
            BiFunction<Estimate, Double, Verdict> claim, boolean atSomeN, double m, String what, String noneMessage) {
        Optional<FindingVerdict> missing = notMeasured(f, t);
        if (missing.isPresent()) {
            return missing.get();
        }
        List<Verdict> verdicts = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        Estimate headline = null;
        int headlineN = 0;
        for (LayerGenerality x : g) {
            Optional<Estimate> e = x.measure(measure);
            if (e.isPresent()) {
                verdicts.add(claim.apply(e.get(), m));
                parts.add("n=" + x.n() + ": " + signed(e.get()));
                boolean better = headline == null || (atSomeN ? e.get().mean() > headline.mean()
                        : e.get().mean() < headline.mean());
                if (better) {
                    headline = e.get();
                    headlineN = x.n();
                }
            }
        }
        if (verdicts.isEmpty()) {
            return new FindingVerdict(f, Verdict.INCONCLUSIVE, noneMessage);
        }
        Verdict v = atSomeN ? anyOf(verdicts) : allOf(verdicts);
        return new FindingVerdict(f, v, what + " at " + String.join(", ", parts),
                points(headline) + " at n=" + headlineN + (atSomeN ? ", its largest" : ", its lowest"));
    }

    private static Optional<FindingVerdict> notMeasured(Finding f, AccuracyTable t) {
        Set<Treatment> missing = EnumSet.noneOf(Treatment.class);
        f.needs().stream().filter(x -> !t.measured(x)).forEach(missing::add);
        return missing.isEmpty() ? Optional.empty() : Optional.of(new FindingVerdict(f, Verdict.INCONCLUSIVE,
                "not measured: needs " + missing.stream().map(Treatment::label).collect(Collectors.joining(", "))));
    }

    /** Claim "d > 0": REPRODUCED if the interval is above 0, NOT_REPRODUCED if it is below m. */
    static Verdict positive(Estimate d, double margin) {
        return d.above(0.0) ? Verdict.REPRODUCED : d.below(margin) ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
    }

    /** Claim "d >= 0": REPRODUCED if the lower bound is at least -m, NOT_REPRODUCED if the interval is below 0. */
    static Verdict notBelow(Estimate d, double margin) {
        return d.lower() >= -margin ? Verdict.REPRODUCED : d.below(0.0) ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
    }

    private static Verdict anyOf(List<Verdict> verdicts) {
        return verdicts.contains(Verdict.REPRODUCED) ? Verdict.REPRODUCED
                : verdicts.stream().allMatch(v -> v == Verdict.NOT_REPRODUCED) ? Verdict.NOT_REPRODUCED
                : Verdict.INCONCLUSIVE;
    }

    private static Verdict allOf(List<Verdict> verdicts) {
        return verdicts.contains(Verdict.NOT_REPRODUCED) ? Verdict.NOT_REPRODUCED
                : verdicts.stream().allMatch(v -> v == Verdict.REPRODUCED) ? Verdict.REPRODUCED
                : Verdict.INCONCLUSIVE;
    }

    /** @return in accuracy points, e.g. {@code +1.2 [+0.4, +2.0] points (3 splits)} */
    static String points(Estimate e) {
        if (e.count() == 1) {
            return String.format(Locale.ROOT, "%+.1f points (1 split, no interval)", 100 * e.mean());
        }
        return String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f] points (%d splits)", 100 * e.mean(),
                100 * e.lower(), 100 * e.upper(), e.count());
    }

    /** @return e.g. {@code +0.012 [+0.004, +0.020] (3 splits)} or {@code +0.012 (1 split, no interval)} */
    static String signed(Estimate e) {
        if (e.count() == 1) {
            return String.format(Locale.ROOT, "%+.3f (1 split, no interval)", e.mean());
        }
        return String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f] (%d splits)", e.mean(), e.lower(), e.upper(),
                e.count());
    }
}
