package org.transferable.data;

import java.util.Objects;

/**
 * The two tasks of a class split.
 *
 * @param a task A
 * @param b task B
 */
public record SplitTasks(Task a, Task b) {
    /** Requires both tasks. */
    public SplitTasks {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
    }

    /**
     * The task with the given name.
     *
     * @param name {@code A} or {@code B}
     * @return the task
     * @throws IllegalArgumentException for any other name
     */
    public Task task(String name) {
        if (a.name().equals(name)) {
            return a;
        }
        if (b.name().equals(name)) {
            return b;
        }
        throw new IllegalArgumentException("task must be " + a.name() + " or " + b.name() + ", got " + name);
    }
}
