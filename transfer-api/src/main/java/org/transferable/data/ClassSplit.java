package org.transferable.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.transferable.Checks;

/**
 * A split of a data set's classes into two disjoint groups A and B, as in the paper. Each group becomes a task
 * whose labels are remapped to 0..k-1 in the order listed, keeping the class names.
 *
 * @param groupA original class labels of half A
 * @param groupB original class labels of half B
 */
public record ClassSplit(List<Integer> groupA, List<Integer> groupB) {
    /** Validates that both groups are non-empty, disjoint and non-negative. */
    public ClassSplit {
        groupA = List.copyOf(Objects.requireNonNull(groupA, "groupA"));
        groupB = List.copyOf(Objects.requireNonNull(groupB, "groupB"));
        if (groupA.isEmpty() || groupB.isEmpty()) {
            throw new IllegalArgumentException("both groups of a class split need at least 1 class, got A="
                    + groupA + " B=" + groupB);
        }
        Set<Integer> seen = new HashSet<>();
        for (int c : concat(groupA, groupB)) {
            if (c < 0) {
                throw new IllegalArgumentException("class " + c + " in split A=" + groupA + " B=" + groupB
                        + " is negative; classes are 0, 1, ...");
            }
            if (!seen.add(c)) {
                throw new IllegalArgumentException("class " + c + " appears twice in split A=" + groupA + " B="
                        + groupB);
            }
        }
    }

    /**
     * Splits {@code classCount} classes at random into halves (A gets the extra class when odd).
     *
     * @param classCount in [2, 100000]
     * @param seed random seed; the same seed gives the same split
     * @return the split, each group sorted
     */
    public static ClassSplit random(int classCount, long seed) {
        Checks.inRange("class count", classCount, 2, 100_000);
        int[] order = IntStream.range(0, classCount).toArray();
        Shuffle.inPlace(order, new SplittableRandom(seed));
        int half = (classCount + 1) / 2;
        List<Integer> a = IntStream.of(order).limit(half).sorted().boxed().toList();
        List<Integer> b = IntStream.of(order).skip(half).sorted().boxed().toList();
        return new ClassSplit(a, b);
    }

    /**
     * An explicit split.
     *
     * @return the split
     */
    public static ClassSplit of(List<Integer> groupA, List<Integer> groupB) {
        return new ClassSplit(groupA, groupB);
    }

    /**
     * The same split with the halves swapped, e.g. to run the dissimilar split in both directions as the paper
     * did (man-made onto natural and natural onto man-made).
     *
     * @return the split with A and B exchanged
     */
    public ClassSplit reversed() {
        return new ClassSplit(groupB, groupA);
    }

    /**
     * Applies the split to a data set.
     *
     * @param all the whole data set
     * @return tasks {@code A} and {@code B}
     * @throws IllegalArgumentException when a class is not in the data set
     */
    public SplitTasks apply(Task all) {
        int classes = all.classCount();
        for (int c : concat(groupA, groupB)) {
            if (c >= classes) {
                throw new IllegalArgumentException("class " + c + " of split A=" + groupA + " B=" + groupB
                        + " must be in [0, " + (classes - 1) + "] for data set " + all.name());
            }
        }
        Task a = new Task("A", all.train().remap(groupA), all.test().remap(groupA));
        Task b = new Task("B", all.train().remap(groupB), all.test().remap(groupB));
        return new SplitTasks(a, b);
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Override
    public String toString() {
        return "A=" + groupA + " B=" + groupB;
    }
}
