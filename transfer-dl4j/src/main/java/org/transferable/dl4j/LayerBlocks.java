package org.transferable.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.transferable.Checks;

/**
 * Which DL4J layers make up each paper-level layer: a convolution block is convolution [+ batch norm + ReLU]
 * [+ pooling]; a dense block is dense [+ batch norm + ReLU]; the output block is the output layer. DL4J's own
 * {@code setFeatureExtractor(i)} counts every DL4J layer; this map is what makes "layer n" mean the paper's n.
 */
final class LayerBlocks {
    private final List<int[]> blocks;

    private LayerBlocks(List<int[]> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** @return DL4J layer indices of paper layer n (1-based) */
    int[] block(int n) {
        Checks.inRange("layer number", n, 1, blocks.size());
        return blocks.get(n - 1).clone();
    }

    /** @return number of paper layers */
    int layerCount() {
        return blocks.size();
    }

    /** @return number of DL4J layers in paper layers 1..n */
    int dl4jLayersThrough(int n) {
        return n == 0 ? 0 : blocks.get(n - 1)[blocks.get(n - 1).length - 1] + 1;
    }

    /** Collects blocks while layers are appended. */
    static final class Recorder {
        private final List<int[]> blocks = new ArrayList<>();
        private final List<Integer> current = new ArrayList<>();
        private int next;

        /** @return index of the DL4J layer being appended to the current block */
        int add() {
            current.add(next);
            return next++;
        }

        void endBlock() {
            blocks.add(current.stream().mapToInt(Integer::intValue).toArray());
            current.clear();
        }

        LayerBlocks build() {
            return new LayerBlocks(blocks);
        }
    }
}
