package org.transferable.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferable.study.CellResult;
import org.transferable.study.Estimate;
import org.transferable.study.StudyResult;
import org.transferable.study.Treatment;

/**
 * Draws a study in the style of the paper's Figure 2: top, top-1 accuracy on B against the number of copied
 * layers n, one marker per run (baseB at n = 0) and a line through the means of each treatment; bottom, the
 * means relative to baseB beside the paper's own ImageNet curves relative to its baseB (dashed).
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
        System.setProperty("java.awt.headless", "true");
        int layers = result.plan().spec().layerCount();
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(domainAxis(layers));
        combined.add(accuracyPlot(result), 3);
        combined.add(relativePlot(result), 2);
        combined.setGap(12);
        JFreeChart chart = new JFreeChart("How transferable are features? " + result.plan().dataset() + ", "
                + result.plan().splits().size() + " split(s), " + result.plan().spec().name(),
                new Font(Font.SANS_SERIF, Font.BOLD, 15), combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 900);
    }

    private static NumberAxis domainAxis(int layers) {
        NumberAxis axis = new NumberAxis("layer n at which the network is chopped and retrained");
        axis.setRange(-0.5, layers - 0.5);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return axis;
    }

    private static XYPlot accuracyPlot(StudyResult result) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        Map<Treatment, XYSeries> runs = new LinkedHashMap<>();
        for (CellResult cell : result.cells()) {
            Treatment t = cell.cell().treatment();
            if (t == Treatment.BASE_A) {
                continue;
            }
            runs.computeIfAbsent(t, k -> new XYSeries(k.label() + " runs", false, true))
                    .add(t == Treatment.BASE_B ? 0 : cell.cell().n(), cell.accuracy());
        }
        int index = 0;
        for (Treatment t : ORDER) {
            XYSeries series = runs.get(t);
            if (series == null) {
                continue;
            }
            data.addSeries(series);
            renderer.setSeriesLinesVisible(index, false);
            renderer.setSeriesShape(index, shape(t));
            renderer.setSeriesPaint(index, COLORS.get(t));
            renderer.setSeriesVisibleInLegend(index, false);
            index++;
            XYSeries means = new XYSeries(t.label() + " mean");
            if (t == Treatment.BASE_B) {
                result.estimate(t, 0).ifPresent(e -> {
                    means.add(0, e.mean());
                    means.add(result.plan().spec().layerCount() - 1, e.mean());
                });
            } else {
                for (int n : result.plan().nValues()) {
                    result.estimate(t, n).map(Estimate::mean).ifPresent(m -> means.add(n, m));
                }
            }
            data.addSeries(means);
            renderer.setSeriesShapesVisible(index, false);
            renderer.setSeriesPaint(index, COLORS.get(t));
            renderer.setSeriesStroke(index, t == Treatment.BASE_B
                    ? new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f)
                    : new BasicStroke(2f));
            index++;
        }
        NumberAxis range = new NumberAxis("top-1 accuracy on B (test)");
        range.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, null, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static XYPlot relativePlot(StudyResult result) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        double baseB = result.estimate(Treatment.BASE_B, 0).map(Estimate::mean).orElse(Double.NaN);
        int index = 0;
        for (Treatment t : List.of(Treatment.SELFFER, Treatment.SELFFER_FINE_TUNED, Treatment.TRANSFER,
                Treatment.TRANSFER_FINE_TUNED)) {
            XYSeries ours = new XYSeries(t.label() + " / baseB (ours)");
            for (int n : result.plan().nValues()) {
                result.estimate(t, n).map(Estimate::mean).ifPresent(m -> ours.add(n, m / baseB));
            }
            if (!ours.isEmpty() && !Double.isNaN(baseB)) {
                data.addSeries(ours);
                renderer.setSeriesPaint(index, COLORS.get(t));
                renderer.setSeriesShape(index, shape(t));
                renderer.setSeriesStroke(index, new BasicStroke(2f));
                index++;
            }
            XYSeries paper = new XYSeries(t.label() + " / baseB (paper, ImageNet)");
            double[] values = PaperResults.BY_TREATMENT.get(t.label());
            for (int n = 1; n <= values.length; n++) {
                paper.add(n, values[n - 1] / PaperResults.BASE_B);
            }
            data.addSeries(paper);
            renderer.setSeriesPaint(index, COLORS.get(t));
            renderer.setSeriesShapesVisible(index, false);
            renderer.setSeriesStroke(index, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                    new float[] {6f, 4f}, 0f));
            index++;
        }
        NumberAxis range = new NumberAxis("accuracy / baseB");
        range.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, null, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
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
