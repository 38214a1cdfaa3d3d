package org.transferable.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.transferable.data.TestImages.identities;
import static org.transferable.data.TestImages.interleaved;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

/** {@link ClassSplit}: random and explicit splits, validation, and applying a split to a task. */
class ClassSplitTest {

    @Test
    void random_tenClasses_givesDisjointSortedHalvesCoveringAll() {
        ClassSplit split = ClassSplit.random(10, 42L);

        assertThat(split.groupA()).hasSize(5).isSorted();
        assertThat(split.groupB()).hasSize(5).isSorted().doesNotContainAnyElementsOf(split.groupA());
        Set<Integer> all = new HashSet<>(split.groupA());
        all.addAll(split.groupB());
        assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).boxed().toList());
    }

    @Test
    void random_sameSeed_sameSplit() {
        assertThat(ClassSplit.random(10, 3L)).isEqualTo(ClassSplit.random(10, 3L));
    }

    @Test
    void random_differentSeeds_giveDifferentSplits() {
        Set<ClassSplit> splits = new HashSet<>();
        for (long seed = 0; seed <= 3; seed++) {
            splits.add(ClassSplit.random(10, seed));
        }
        assertThat(splits).hasSizeGreaterThan(1);
    }

    @Test
    void random_oddClassCount_givesAOneMore() {
        ClassSplit split = ClassSplit.random(11, 1L);

        assertThat(split.groupA()).hasSize(6);
        assertThat(split.groupB()).hasSize(5);
    }

    @Test
    void random_classCountOutOfRange_fails() {
        assertThatThrownBy(() -> ClassSplit.random(1, 0L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class count must be in [2, 100000], got 1");
    }

    @Test
    void of_copiesTheGroups() {
        ClassSplit split = ClassSplit.of(List.of(3, 1), List.of(0));

        assertThat(split.groupA()).containsExactly(3, 1);
        assertThat(split).hasToString("A=[3, 1] B=[0]");
    }

    @Test
    void of_overlappingGroups_fails() {
        assertThatThrownBy(() -> ClassSplit.of(List.of(0, 1), List.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 1 appears twice in split A=[0, 1] B=[1, 2]");
    }

    @Test
    void of_classRepeatedWithinAGroup_fails() {
        assertThatThrownBy(() -> ClassSplit.of(List.of(0, 0), List.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 0 appears twice in split A=[0, 0] B=[1]");
    }

    @Test
    void of_emptyGroup_fails() {
        assertThatThrownBy(() -> ClassSplit.of(List.of(), List.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("both groups of a class split need at least 1 class, got A=[] B=[1]");
        assertThatThrownBy(() -> ClassSplit.of(List.of(0), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("both groups of a class split need at least 1 class, got A=[0] B=[]");
    }

    @Test
    void of_negativeClass_fails() {
        assertThatThrownBy(() -> ClassSplit.of(List.of(0, -1), List.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class -1 in split A=[0, -1] B=[1] is negative; classes are 0, 1, ...");
    }

    @Test
    void apply_remapsTrainAndTestOfBothHalves() {
        Task all = new Task("all", interleaved(4, 3), interleaved(4, 2));

        SplitTasks tasks = ClassSplit.of(List.of(3, 0), List.of(1)).apply(all);

        assertThat(tasks.a().name()).isEqualTo("A");
        assertThat(tasks.a().classNames()).containsExactly("c3", "c0");
        assertThat(tasks.a().train().labels()).containsExactly(1, 0, 1, 0, 1, 0);
        assertThat(identities(tasks.a().train())).containsExactly(0, 3, 4, 7, 8, 11);
        assertThat(tasks.a().test().labels()).containsExactly(1, 0, 1, 0);
        assertThat(tasks.b().name()).isEqualTo("B");
        assertThat(tasks.b().classNames()).containsExactly("c1");
        assertThat(identities(tasks.b().test())).containsExactly(1, 5);
        assertThat(tasks.task("A")).isSameAs(tasks.a());
        assertThat(tasks.task("B")).isSameAs(tasks.b());
    }

    @Test
    void apply_classBeyondTheDataSet_fails() {
        Task all = new Task("all", interleaved(4, 3), interleaved(4, 2));
        ClassSplit split = ClassSplit.of(List.of(0, 1), List.of(4));

        assertThatThrownBy(() -> split.apply(all))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 4 of split A=[0, 1] B=[4] must be in [0, 3] for data set all");
    }

    @Test
    void task_otherName_fails() {
        SplitTasks tasks = ClassSplit.of(List.of(0), List.of(1)).apply(new Task("all", interleaved(2, 1),
                interleaved(2, 1)));

        assertThatThrownBy(() -> tasks.task("C"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task must be A or B, got C");
    }

    @Test
    void json_roundTrip_givesAnEqualSplit() {
        ClassSplit split = ClassSplit.random(10, 9L);

        assertThat(Json.read(Json.write(split), ClassSplit.class)).isEqualTo(split);
    }
}
