package org.transferable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Checks}: the shared wording of argument errors. */
class ChecksTest {

    @Test
    void inRange_int_returnsTheValueOrFailsQuotingIt() {
        assertThat(Checks.inRange("n", 3, 1, 3)).isEqualTo(3);
        assertThatThrownBy(() -> Checks.inRange("n", 4, 1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be in [1, 3], got 4");
    }

    @Test
    void inRange_double_rejectsNan() {
        assertThat(Checks.inRange("p", 1.0, 0.0, 1.0)).isEqualTo(1.0);
        assertThatThrownBy(() -> Checks.inRange("p", Double.NaN, 0.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p must be in [0.0, 1.0], got NaN");
    }

    @Test
    void inHalfOpenRange_excludesTheUpperEnd() {
        assertThat(Checks.inHalfOpenRange("p", 0.0, 0.0, 1.0)).isZero();
        assertThatThrownBy(() -> Checks.inHalfOpenRange("p", 1.0, 0.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p must be in [0.0, 1.0), got 1.0");
    }

    @Test
    void name_nullOrBlank_fails() {
        assertThat(Checks.name("task", "A")).isEqualTo("A");
        assertThatThrownBy(() -> Checks.name("task", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("task must not be null");
        assertThatThrownBy(() -> Checks.name("task", " \n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task must not be blank");
    }
}
