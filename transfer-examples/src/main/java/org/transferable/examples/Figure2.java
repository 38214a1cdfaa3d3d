package org.transferable.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.transferable.study.CellResult;
import org.transferable.study.Estimate;
import org.transferable.study.ProfileAgreement;
import org.transferable.study.StudyResult;
import org.transferable.study.Treatment;

/**
 * Draws a study in the style of the paper's Figure 2: top, top-1 accuracy on B against the number of copied
 * layers n, one marker per run (baseB at n = 0), each treatment's mean with its 95% band (the t interval over splits,
 * clipped to [0, 1]) and a black cross for each flagged cell (measured, but left out of the means and verdicts);
 * bottom, each treatment's accuracy relative to the baseB of the same split (paired, so the split-to-split spread of
 * accuracy cancels), mean and 95% band, beside the paper's own ImageNet curves relative to its baseB (dashed).
 */
public final class Figure2 {
    private static final Map<Treatment, Color> COLORS = Map.of(
            Treatment.BASE_B, Color.DARK_GRAY,
            Treatment.SELFFER, new Color(0x1f, 0x4e, 0xd8),
            Treatment.SELFFER_FINE_TUNED, new Color(0x6c, 0xa8, 0xf0),
            Treatment.TRANSFER, new Color(0xc8, 0x1e, 0x1e),
            Treatment.TRANSFER_FINE_TUNED, new Color(0xf0, 0x8c, 0x8c),
            Treatment.RANDOM_FROZEN, new Color(0x4a, 0x9a, 0x3a));
    private static final List<Treatment> ORDER = List.of(Treatment.BASE_B, Treatment.SELFFER,
            Treatment.SELFFER_FINE_TUNED, Treatment.TRANSFER, Treatment.TRANSFER_FINE_TUNED, Treatment.RANDOM_FROZEN);

    private Figure2() {
    }

    /**
     * Writes the figure as a PNG.
     *
     * @param result a study result (complete or partial)
     * @param file where to write
     */
    public static void write(StudyResult result, Path file) throws IOException {
        write(result, List.of(), file);
    }

    /**
     * Writes the figure as a PNG, with a third panel for the training-free profiles when there are any: each
     * profile's values and the measured AnB / baseB, both rescaled per split to [0, 1] across the plan's n (so that
     * only their shapes are compared), averaged over splits, with the Spearman correlation in the legend.
     *
     * @param result a study result (complete or partial)
     * @param agreements the training-free profiles checked against the study; empty for none
     * @param file where to write
     */
    public static void write(StudyResult result, List<ProfileAgreement> agreements, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int layers = result.plan().spec().layerCount();
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(domainAxis(layers));
        combined.add(accuracyPlot(result), 3);
        combined.add(relativePlot(result), 2);
        if (!agreements.isEmpty()) {
            combined.add(profilePlot(agreements), 2);
        }
        combined.setGap(12);
        JFreeChart chart = new JFreeChart("How transferable are features? " + result.plan().dataset() + ", "
                + result.plan().splits().size() + " split(s), " + result.plan().spec().name(),
                new Font(Font.SANS_SERIF, Font.BOLD, 15), combined, true);
        chart.addSubtitle(new TextTitle(RunOrigin.describe(result.backend()), new Font(Font.SANS_SERIF, Font.PLAIN,
                11)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, agreements.isEmpty() ? 900 : 1200);
    }

    private static NumberAxis domainAxis(int layers) {
        NumberAxis axis = new NumberAxis("layer n at which the network is chopped and retrained");
        axis.setRange(-0.5, layers - 0.5);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return axis;
    }

    private static XYPlot accuracyPlot(StudyResult result) {
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        DeviationRenderer bandRenderer = new DeviationRenderer(true, false);
        XYSeriesCollection runs = new XYSeriesCollection();
        XYLineAndShapeRenderer runRenderer = new XYLineAndShapeRenderer(false, true);
        Map<Treatment, XYSeries> byTreatment = new LinkedHashMap<>();
        XYSeries flagged = new XYSeries("flagged cell (left out of the means)", false, true);
        for (CellResult cell : result.cells()) {
            Treatment t = cell.cell().treatment();
            if (t == Treatment.BASE_A) {
                continue;
            }
            int x = t == Treatment.BASE_B ? 0 : cell.cell().n();
            if (result.flag(cell).isPresent()) {
                flagged.add(x, cell.accuracy());
            } else {
                byTreatment.computeIfAbsent(t, k -> new XYSeries(k.label() + " runs", false, true))
                        .add(x, cell.accuracy());
            }
        }
        int band = 0;
        int run = 0;
        int last = result.plan().spec().layerCount() - 1;
        for (Treatment t : ORDER) {
            YIntervalSeries means = new YIntervalSeries(t.label() + " mean, 95% band");
            if (t == Treatment.BASE_B) {
                result.estimate(t, 0).ifPresent(e -> {
                    means.add(0, e.mean(), low(e), high(e));
                    means.add(last, e.mean(), low(e), high(e));
                });
            } else {
                for (int n : result.plan().nValues()) {
                    result.estimate(t, n).ifPresent(e -> means.add(n, e.mean(), low(e), high(e)));
                }
            }
            if (means.getItemCount() > 0) {
                bands.addSeries(means);
                Color color = COLORS.get(t);
                bandRenderer.setSeriesPaint(band, color);
                bandRenderer.setSeriesFillPaint(band, color);
                bandRenderer.setSeriesStroke(band, t == Treatment.BASE_B
                        ? new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f},
                                0f)
                        : new BasicStroke(2f));
                band++;
            }
            XYSeries points = byTreatment.get(t);
            if (points != null) {
                runs.addSeries(points);
                runRenderer.setSeriesShape(run, shape(t));
                runRenderer.setSeriesPaint(run, COLORS.get(t));
                runRenderer.setSeriesVisibleInLegend(run, false);
                run++;
            }
        }
        bandRenderer.setAlpha(0.12f);
        if (!flagged.isEmpty()) {
            runs.addSeries(flagged);
            runRenderer.setSeriesShape(run, cross());
            runRenderer.setSeriesPaint(run, Color.BLACK);
        }
        NumberAxis range = new NumberAxis("top-1 accuracy on B (test)");
        range.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(bands, null, range, bandRenderer);
        plot.setDataset(1, runs);
        plot.setRenderer(1, runRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** @return the band's lower edge: the interval's, clipped to [0, 1]; the mean when there is no interval */
    private static double low(Estimate e) {
        return e.count() < 2 ? e.mean() : Math.max(0.0, e.lower());
    }

    private static double high(Estimate e) {
        return e.count() < 2 ? e.mean() : Math.min(1.0, e.upper());
    }

    private static Shape cross() {
        Path2D.Double x = new Path2D.Double();
        x.moveTo(-5, -5);
        x.lineTo(5, 5);
        x.moveTo(-5, 5);
        x.lineTo(5, -5);
        return new BasicStroke(2f).createStrokedShape(x);
    }

    private static XYPlot relativePlot(StudyResult result) {
        YIntervalSeriesCollection ours = new YIntervalSeriesCollection();
        DeviationRenderer oursRenderer = new DeviationRenderer(true, true);
        XYSeriesCollection paper = new XYSeriesCollection();
        XYLineAndShapeRenderer paperRenderer = new XYLineAndShapeRenderer(true, false);
        Map<Integer, Double> baseB = new HashMap<>();
        for (CellResult cell : result.analysed()) {
            if (cell.cell().treatment() == Treatment.BASE_B) {
                baseB.put(cell.cell().split(), cell.accuracy());
            }
        }
        int index = 0;
        for (Treatment t : List.of(Treatment.SELFFER, Treatment.SELFFER_FINE_TUNED, Treatment.TRANSFER,
                Treatment.TRANSFER_FINE_TUNED)) {
            YIntervalSeries series = new YIntervalSeries(t.label() + " / baseB (ours, paired per split, 95% band)");
            for (int n : result.plan().nValues()) {
                List<Double> ratios = new ArrayList<>();
                for (CellResult cell : result.analysed()) {
                    Double base = baseB.get(cell.cell().split());
                    if (cell.cell().treatment() == t && cell.cell().n() == n && base != null && base > 0) {
                        ratios.add(cell.accuracy() / base);
                    }
                }
                if (!ratios.isEmpty()) {
                    Estimate e = Estimate.of(ratios);
                    series.add(n, e.mean(), low(e), high(e));
                }
            }
            Color color = COLORS.get(t);
            if (series.getItemCount() > 0) {
                ours.addSeries(series);
                oursRenderer.setSeriesPaint(index, color);
                oursRenderer.setSeriesFillPaint(index, color);
                oursRenderer.setSeriesShape(index, shape(t));
                oursRenderer.setSeriesStroke(index, new BasicStroke(2f));
                index++;
            }
            XYSeries line = new XYSeries(t.label() + " / baseB (paper, ImageNet)");
            double[] values = PaperResults.BY_TREATMENT.get(t.label());
            for (int n = 1; n <= values.length; n++) {
                line.add(n, values[n - 1] / PaperResults.BASE_B);
            }
            paper.addSeries(line);
            int p = paper.getSeriesCount() - 1;
            paperRenderer.setSeriesPaint(p, color);
            paperRenderer.setSeriesStroke(p, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                    new float[] {6f, 4f}, 0f));
        }
        oursRenderer.setAlpha(0.2f);
        NumberAxis range = new NumberAxis("accuracy / baseB of the same split");
        range.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(ours, null, range, oursRenderer);
        plot.setDataset(1, paper);
        plot.setRenderer(1, paperRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static XYPlot profilePlot(List<ProfileAgreement> agreements) {
        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        ProfileAgreement first = agreements.get(0);
        lines.addSeries(rescaledMean("AnB / baseB (measured)", first.nValues(), first.measured()));
        renderer.setSeriesPaint(0, COLORS.get(Treatment.TRANSFER));
        renderer.setSeriesStroke(0, new BasicStroke(3f));
        Color[] colors = {new Color(0x1b9e77), new Color(0x7570b3), new Color(0xe7298a), new Color(0x66a61e)};
        for (int i = 0; i < agreements.size(); i++) {
            ProfileAgreement a = agreements.get(i);
            lines.addSeries(rescaledMean(String.format(Locale.ROOT, "%s (Spearman %+.2f)", a.measure(),
                    a.estimate().mean()), a.nValues(), a.profiles()));
            renderer.setSeriesPaint(i + 1, colors[i % colors.length]);
            renderer.setSeriesStroke(i + 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                    new float[] {5f, 3f}, 0f));
        }
        NumberAxis range = new NumberAxis("training-free profiles, rescaled per split to [0, 1]");
        range.setRange(-0.05, 1.05);
        XYPlot plot = new XYPlot(lines, null, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** @return the mean over splits of each split's values rescaled to [0, 1] (a constant split gives 0.5) */
    private static XYSeries rescaledMean(String name, List<Integer> nValues, List<List<Double>> perSplit) {
        XYSeries series = new XYSeries(name);
        double[] sums = new double[nValues.size()];
        for (List<Double> values : perSplit) {
            double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            for (int i = 0; i < values.size(); i++) {
                sums[i] += max > min ? (values.get(i) - min) / (max - min) : 0.5;
            }
        }
        for (int i = 0; i < nValues.size(); i++) {
            series.add(nValues.get(i).doubleValue(), sums[i] / Math.max(1, perSplit.size()));
        }
        return series;
    }

    private static Shape shape(Treatment t) {
        if (t == Treatment.TRANSFER || t == Treatment.TRANSFER_FINE_TUNED) {
            Path2D.Double diamond = new Path2D.Double();
            diamond.moveTo(0, -5);
            diamond.lineTo(5, 0);
            diamond.lineTo(0, 5);
            diamond.lineTo(-5, 0);
            diamond.closePath();
            return diamond;
        }
        return new Ellipse2D.Double(-4, -4, 8, 8);
    }
}
