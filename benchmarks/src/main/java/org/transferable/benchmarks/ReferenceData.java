package org.transferable.benchmarks;

import java.util.List;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.examples.FashionMnist;

/**
 * The data of the speed issue's reference measurements: Fashion-MNIST classes 0-4 as task A (30,000 training
 * images) and classes 5-9 as task B, as in {@code shared/peers/pytorch_reference.py}.
 */
final class ReferenceData {
    private static SplitTasks tasks;

    private ReferenceData() {
    }

    static synchronized SplitTasks tasks() {
        if (tasks == null) {
            Task all = FashionMnist.load();
            tasks = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9)).apply(all);
        }
        return tasks;
    }

    /** @return task A or B with only the first {@code count} training images (test set unchanged) */
    static Task head(Task task, int count) {
        return new Task(task.name(), task.train().head(Math.min(count, task.train().size())), task.test());
    }
}
