package org.transferable.examples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.transferable.network.Network;
import org.transferable.weights.Tensor;

/**
 * Draws the first layer's convolution filters of a network as a grid of grey tiles (each filter scaled to its
 * own min..max, input channels averaged), like the first-layer filter pictures in the paper's Figure 1.
 */
public final class FilterImage {
    private static final int SCALE = 12;
    private static final int GAP = 4;

    private FilterImage() {
    }

    /**
     * Writes the PNG.
     *
     * @param network a network whose layer 1 is a convolution
     * @param file where to write
     * @throws IllegalArgumentException when layer 1 has no 4-D weight
     */
    public static void write(Network network, Path file) throws IOException {
        Tensor weight = network.weights().layer(1).tensor("weight");
        List<Integer> shape = weight.shape();
        if (shape.size() != 4) {
            throw new IllegalArgumentException("layer 1 of " + network.spec().name()
                    + " is not a convolution: its weight has shape " + shape);
        }
        int filters = shape.get(0);
        int channels = shape.get(1);
        int k = shape.get(2);
        int columns = (int) Math.ceil(Math.sqrt(filters));
        int rows = (filters + columns - 1) / columns;
        int tile = k * SCALE;
        BufferedImage image = new BufferedImage(GAP + columns * (tile + GAP), GAP + rows * (tile + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        float[] values = weight.values();
        for (int f = 0; f < filters; f++) {
            float[] pixels = new float[k * k];
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < k * k; i++) {
                    pixels[i] += values[((f * channels) + c) * k * k + i] / channels;
                }
            }
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float p : pixels) {
                min = Math.min(min, p);
                max = Math.max(max, p);
            }
            int x0 = GAP + (f % columns) * (tile + GAP);
            int y0 = GAP + (f / columns) * (tile + GAP);
            for (int i = 0; i < k * k; i++) {
                int grey = max > min ? Math.round(255 * (pixels[i] - min) / (max - min)) : 128;
                g.setColor(new Color(grey, grey, grey));
                g.fillRect(x0 + (i % k) * SCALE, y0 + (i / k) * SCALE, SCALE, SCALE);
            }
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
