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
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.transferable.data.Task;
import org.transferable.study.Estimate;
import org.transferable.study.GeneralityMeasure;
import org.transferable.study.LayerGenerality;
import org.transferable.study.StudyResult;

/**
 * Draws finding 5b in the style of the paper's Figure 3 (bottom): the relative drop {@code (baseB - AnB) / baseB}
 * against n, in percent, for the random splits and for each direction of the dissimilar split, each mean with its
 * 95% band, beside the paper's own points (dashed; the dissimilar split averaged over both directions).
 */
final class DissimilarFigure {
    private static final List<Color> DIRECTION_COLORS = List.of(new Color(0xd9, 0x5f, 0x02), new Color(0x75, 0x70,
            0xb3));

    private DissimilarFigure() {
    }

    static void write(StudyResult random, List<StudyResult> directions, Task data, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        bands.addSeries(drops("random splits (ours)", random));
        renderer.setSeriesPaint(0, Color.DARK_GRAY);
        renderer.setSeriesFillPaint(0, Color.DARK_GRAY);
        for (int i = 0; i < directions.size(); i++) {
            StudyResult d = directions.get(i);
            bands.addSeries(drops(Summary.direction(d.plan().splits().get(0), data), d));
            Color color = DIRECTION_COLORS.get(i % DIRECTION_COLORS.size());
            renderer.setSeriesPaint(i + 1, color);
            renderer.setSeriesFillPaint(i + 1, color);
        }
        for (int i = 0; i <= directions.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        renderer.setAlpha(0.18f);

        XYSeriesCollection paper = new XYSeriesCollection();
        XYSeries dissimilar = new XYSeries("paper, dissimilar split (ImageNet, both directions)");
        dissimilar.add(2, 0.9);
        dissimilar.add(4, 7.3);
        dissimilar.add(7, 25.0);
        XYSeries randomPaper = new XYSeries("paper, random split (ImageNet)");
        randomPaper.add(7, 8.3);
        paper.addSeries(dissimilar);
        paper.addSeries(randomPaper);
        XYLineAndShapeRenderer paperRenderer = new XYLineAndShapeRenderer(true, true);
        BasicStroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {6f, 4f}, 0f);
        paperRenderer.setSeriesPaint(0, new Color(0xd9, 0x5f, 0x02));
        paperRenderer.setSeriesStroke(0, dashed);
        paperRenderer.setSeriesPaint(1, Color.DARK_GRAY);
        paperRenderer.setSeriesStroke(1, dashed);

        NumberAxis domain = new NumberAxis("layer n at which the network is chopped and retrained");
        domain.setRange(0.5, random.plan().spec().layerCount() - 0.5);
        domain.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis range = new NumberAxis("relative drop (baseB - AnB) / baseB, %");
        XYPlot plot = new XYPlot(bands, domain, range, renderer);
        plot.setDataset(1, paper);
        plot.setRenderer(1, paperRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Dissimilar tasks transfer worse? " + data.name() + ", "
                + random.plan().spec().name(), new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.addSubtitle(new TextTitle(RunOrigin.describe(random.backend()), new Font(Font.SANS_SERIF, Font.PLAIN,
                11)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 650);
    }

    private static YIntervalSeries drops(String label, StudyResult result) {
        YIntervalSeries series = new YIntervalSeries(label + ", mean and 95% band");
        for (LayerGenerality g : result.generality()) {
            g.measure(GeneralityMeasure.RELATIVE_PERFORMANCE_DROP).ifPresent(e -> series.add(g.n(), 100 * e.mean(),
                    100 * low(e), 100 * high(e)));
        }
        return series;
    }

    private static double low(Estimate e) {
        return e.count() < 2 ? e.mean() : e.lower();
    }

    private static double high(Estimate e) {
        return e.count() < 2 ? e.mean() : e.upper();
    }
}
