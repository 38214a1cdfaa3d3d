package org.transferable.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferable.network.Network;
import org.transferable.similarity.LayerProfile;

/**
 * Draws generality profiles against layer n, each normalised to [0, 1] by its own minimum and maximum over the
 * layers (a constant profile at 1), so that scores of different scales share one axis.
 */
final class GeneralityFigure {
    private GeneralityFigure() {
    }

    static void write(Network source, List<LayerProfile> profiles, int images, String backend, Path file)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < profiles.size(); i++) {
            LayerProfile p = profiles.get(i);
            XYSeries series = new XYSeries(p.measure() + String.format(" (%.1f s)", p.seconds()));
            List<Double> normalised = normalise(p.values());
            for (int n = 1; n <= normalised.size(); n++) {
                series.add(n, normalised.get(n - 1));
            }
            data.addSeries(series);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        NumberAxis domain = new NumberAxis("layer n of " + source.spec().name());
        domain.setRange(0.5, source.spec().layerCount() - 0.5);
        domain.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis range = new NumberAxis("score, normalised to [0, 1] over the layers");
        range.setRange(-0.05, 1.05);
        XYPlot plot = new XYPlot(data, domain, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Training-free generality of " + source.spec().name() + " (task "
                + source.task() + ") on " + images + " target images", new Font(Font.SANS_SERIF, Font.BOLD, 15),
                plot, true);
        chart.addSubtitle(new TextTitle(RunOrigin.describe(backend), new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 650);
    }

    /** @return the values mapped linearly so that their minimum is 0 and maximum 1; all 1 when they are equal */
    static List<Double> normalise(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return values.stream().map(v -> max > min ? (v - min) / (max - min) : 1.0).toList();
    }
}
