package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.data.ClassSplit;
import org.transferable.data.LabelledImages;
import org.transferable.data.Task;
import org.transferable.spec.InputShape;

class SplitDataTest {
    /** 4 classes, 10 training and 5 test images each, 1x2x2 pixels that encode the image's index. */
    private static Task dataset(int classes) {
        return new Task("four-classes", images(classes, 10), images(classes, 5));
    }

    private static LabelledImages images(int classes, int perClass) {
        int count = classes * perClass;
        byte[] pixels = new byte[count * 4];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
            pixels[4 * i] = (byte) i;
        }
        List<String> names = List.of("c0", "c1", "c2", "c3", "c4").subList(0, classes);
        return LabelledImages.of(InputShape.image(1, 2, 2), pixels, labels, names);
    }

    @Test
    void prepare_capsEveryClassOfBothTasks() {
        StudyPlan plan = StudyFixtures.plan().withImagesPerClass(3, 2);

        SplitData data = SplitData.prepare(plan, dataset(4), 0);

        assertThat(data.a().name()).isEqualTo("A");
        assertThat(data.a().train().classCounts()).containsExactly(3, 3);
        assertThat(data.a().test().classCounts()).containsExactly(2, 2);
        assertThat(data.b().train().classCounts()).containsExactly(3, 3);
        assertThat(data.b().classNames()).containsExactly("c2", "c3");
    }

    @Test
    void prepare_targetFractionReducesOnlyBsTrainingSet() {
        StudyPlan plan = StudyFixtures.plan().withImagesPerClass(8, 5).withTargetFraction(0.25);

        SplitData data = SplitData.prepare(plan, dataset(4), 1);

        assertThat(data.a().train().classCounts()).containsExactly(8, 8);
        assertThat(data.b().train().classCounts()).containsExactly(2, 2);
        assertThat(data.b().test().classCounts()).containsExactly(5, 5);
    }

    @Test
    void prepare_sameSplitTwice_givesTheSameImages() {
        StudyPlan plan = StudyFixtures.plan().withImagesPerClass(3, 2).withTargetFraction(0.5);

        SplitData first = SplitData.prepare(plan, dataset(4), 2);
        SplitData second = SplitData.prepare(plan, dataset(4), 2);

        for (int i = 0; i < first.b().train().size(); i++) {
            assertThat(second.b().train().pixel(i, 0)).isEqualTo(first.b().train().pixel(i, 0));
        }
        assertThat(second.a().train().labels()).isEqualTo(first.a().train().labels());
    }

    @Test
    void checkClasses_classOutsideTheDataSet_throws() {
        StudyPlan plan = StudyFixtures.plan();

        assertThatThrownBy(() -> SplitData.checkClasses(plan, dataset(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 3 of split 0 (A=[0, 1] B=[2, 3]) must be in [0, 2] for data set four-classes");
    }

    @Test
    void checkClasses_everyClassPresent_passes() {
        SplitData.checkClasses(StudyFixtures.plan().withSplits(List.of(ClassSplit.random(5, 1))), dataset(5));
    }
}
