package org.transferable.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.transferable.data.TestImages.interleaved;
import static org.transferable.data.TestImages.labelled;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.spec.InputShape;

/** {@link Task}: train and test must agree; derived tasks. */
class TaskTest {

    @Test
    void constructor_trainAndTestOverTheSameClasses_exposesThem() {
        Task task = new Task("all", interleaved(3, 4), interleaved(3, 2));

        assertThat(task.classNames()).containsExactly("c0", "c1", "c2");
        assertThat(task.classCount()).isEqualTo(3);
        assertThat(task).hasToString("task all (3 classes [c0, c1, c2], 12 train, 6 test)");
    }

    @Test
    void constructor_differentClasses_fails() {
        LabelledImages train = labelled(new int[] {0, 1}, List.of("a", "b"));
        LabelledImages test = labelled(new int[] {0, 1}, List.of("a", "c"));

        assertThatThrownBy(() -> new Task("t", train, test))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task t: training classes [a, b] differ from test classes [a, c]");
    }

    @Test
    void constructor_differentShapes_fails() {
        LabelledImages train = labelled(new int[] {0}, List.of("a"));
        LabelledImages test = LabelledImages.of(InputShape.image(1, 3, 3), new byte[9], new int[] {0}, List.of("a"));

        assertThatThrownBy(() -> new Task("t", train, test))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task t: training images are 1x2x2 but test images are 1x3x3");
    }

    @Test
    void constructor_blankName_fails() {
        LabelledImages images = interleaved(2, 1);

        assertThatThrownBy(() -> new Task(" ", images, images))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task name must not be blank");
    }

    @Test
    void withTrainingFraction_reducesTrainingOnly() {
        Task task = new Task("all", interleaved(2, 10), interleaved(2, 4));

        Task reduced = task.withTrainingFraction(0.2, 1L);

        assertThat(reduced.train().classCounts()).containsExactly(2, 2);
        assertThat(reduced.test()).isSameAs(task.test());
        assertThat(reduced.name()).isEqualTo("all");
    }

    @Test
    void head_capsEachHalfAtItsSize() {
        Task task = new Task("all", interleaved(2, 10), interleaved(2, 4));

        Task small = task.head(3, 100);

        assertThat(small.train().size()).isEqualTo(3);
        assertThat(small.test().size()).isEqualTo(8);
    }

    @Test
    void named_keepsTheImages() {
        Task task = new Task("all", interleaved(2, 1), interleaved(2, 1));

        Task renamed = task.named("B");

        assertThat(renamed.name()).isEqualTo("B");
        assertThat(renamed.train()).isSameAs(task.train());
    }
}
