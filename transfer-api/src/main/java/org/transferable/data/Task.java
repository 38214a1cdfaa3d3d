package org.transferable.data;

import java.util.List;
import java.util.Objects;
import org.transferable.Checks;

/**
 * A named classification task: training and test images over the same classes. A whole data set is a task, and
 * so is each half (A, B) of a class split.
 *
 * @param name short name, e.g. {@code A}, {@code B} or {@code fashion-mnist}
 * @param train training images
 * @param test test images, same shape and classes
 */
public record Task(String name, LabelledImages train, LabelledImages test) {
    /** Validates that train and test agree. */
    public Task {
        Checks.name("task name", name);
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.shape().equals(test.shape())) {
            throw new IllegalArgumentException("task " + name + ": training images are " + train.shape()
                    + " but test images are " + test.shape());
        }
        if (!train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("task " + name + ": training classes " + train.classNames()
                    + " differ from test classes " + test.classNames());
        }
    }

    /** @return the class names, index = label */
    public List<String> classNames() {
        return train.classNames();
    }

    /** @return number of classes */
    public int classCount() {
        return train.classCount();
    }

    /**
     * The same task with a class-stratified fraction of the training images (the test set is unchanged).
     *
     * @return the reduced task
     */
    public Task withTrainingFraction(double fraction, long seed) {
        return new Task(name, train.subset(fraction, seed), test);
    }

    /**
     * The same task with at most the first {@code trainCount} training and {@code testCount} test images.
     *
     * @return the smaller task
     */
    public Task head(int trainCount, int testCount) {
        return new Task(name, train.head(Math.min(trainCount, train.size())),
                test.head(Math.min(testCount, test.size())));
    }

    /** @return the same images under another name */
    public Task named(String newName) {
        return new Task(newName, train, test);
    }

    @Override
    public String toString() {
        return "task " + name + " (" + classCount() + " classes " + classNames() + ", " + train.size() + " train, "
                + test.size() + " test)";
    }
}
