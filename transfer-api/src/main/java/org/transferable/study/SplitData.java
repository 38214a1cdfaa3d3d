package org.transferable.study;

import java.util.ArrayList;
import java.util.List;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;

/**
 * The tasks of one split as a study uses them: A and B capped per class, and B's training set reduced to the
 * plan's target fraction (B is the task of every cell but baseA).
 *
 * @param split the split's index
 * @param a task A
 * @param b task B
 */
record SplitData(int split, Task a, Task b) {

    /**
     * Prepares split k's tasks.
     *
     * @return the tasks
     */
    static SplitData prepare(StudyPlan plan, Task dataset, int split) {
        SplitTasks tasks = plan.splits().get(split).apply(dataset);
        long seed = plan.config().seed();
        Task a = cap(tasks.a(), plan, seed, split);
        Task b = cap(tasks.b(), plan, seed, split);
        if (plan.targetFraction() < 1.0) {
            b = b.withTrainingFraction(plan.targetFraction(), Seeds.data(seed, split, "B-fraction"));
        }
        return new SplitData(split, a, b);
    }

    /**
     * Checks that every split's classes exist in the data set, before anything is trained.
     *
     * @throws IllegalArgumentException "class 12 of split 1 (A=[..] B=[..]) must be in [0, 9] for data set name"
     */
    static void checkClasses(StudyPlan plan, Task dataset) {
        for (int k = 0; k < plan.splits().size(); k++) {
            ClassSplit s = plan.splits().get(k);
            List<Integer> all = new ArrayList<>(s.groupA());
            all.addAll(s.groupB());
            for (int c : all) {
                if (c >= dataset.classCount()) {
                    throw new IllegalArgumentException("class " + c + " of split " + k + " (" + s + ") must be in [0, "
                            + (dataset.classCount() - 1) + "] for data set " + dataset.name());
                }
            }
        }
    }

    private static Task cap(Task task, StudyPlan plan, long seed, int split) {
        return new Task(task.name(),
                task.train().perClass(plan.trainImagesPerClass(), Seeds.data(seed, split, task.name() + "-train")),
                task.test().perClass(plan.testImagesPerClass(), Seeds.data(seed, split, task.name() + "-test")));
    }
}
