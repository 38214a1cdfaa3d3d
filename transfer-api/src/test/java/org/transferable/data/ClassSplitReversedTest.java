package org.transferable.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassSplitReversedTest {
    @Test
    void reversed_swapsTheHalves() {
        ClassSplit split = ClassSplit.of(List.of(0, 2, 3), List.of(1, 4));

        assertThat(split.reversed()).isEqualTo(ClassSplit.of(List.of(1, 4), List.of(0, 2, 3)));
        assertThat(split.reversed().reversed()).isEqualTo(split);
    }
}
