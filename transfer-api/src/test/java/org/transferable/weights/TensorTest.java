package org.transferable.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

/** {@link Tensor}: validation, defensive copies, value equality and JSON. */
class TensorTest {

    @Test
    void constructor_shapeAndValuesAgree_exposesThem() {
        Tensor tensor = new Tensor("weight", List.of(2, 3), new float[] {1, 2, 3, 4, 5, 6});

        assertThat(tensor.size()).isEqualTo(6);
        assertThat(tensor.get(4)).isEqualTo(5f);
        assertThat(tensor.shape()).containsExactly(2, 3);
        assertThat(tensor).hasToString("weight[2, 3]");
    }

    @Test
    void constructor_scalarShape_holdsOneValue() {
        assertThat(new Tensor("scale", List.of(), new float[] {2f}).size()).isEqualTo(1);
    }

    @Test
    void constructor_shapeAndValueCountDisagree_fails() {
        assertThatThrownBy(() -> new Tensor("weight", List.of(2, 3), new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor weight of shape [2, 3] needs 6 values, got 5");
    }

    @Test
    void constructor_shapeWithMoreValuesThanAnArrayHolds_fails() {
        // 65536^4 = 2^64 values: a long product would overflow to 0 and match an empty array.
        assertThatThrownBy(() -> new Tensor("w", List.of(65536, 65536, 65536, 65536), new float[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor w of shape [65536, 65536, 65536, 65536] has more than 2147483647 values");
    }

    @Test
    void constructor_zeroDimension_holdsNoValues() {
        assertThat(new Tensor("empty", List.of(3, 0, 65536), new float[0]).size()).isZero();
        assertThat(new Tensor("empty", List.of(65536, 65536, 0), new float[0]).size()).isZero();
    }

    @Test
    void constructor_negativeDimension_fails() {
        assertThatThrownBy(() -> new Tensor("bias", List.of(-1), new float[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension of bias must be in [0, 2147483647], got -1");
    }

    @Test
    void constructor_blankName_fails() {
        assertThatThrownBy(() -> new Tensor(" ", List.of(1), new float[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor name must not be blank");
    }

    @Test
    void constructor_copiesTheCallersArrayAndShape() {
        float[] values = {1, 2};
        List<Integer> shape = new ArrayList<>(List.of(2));
        Tensor tensor = new Tensor("bias", shape, values);

        values[0] = 99;
        shape.set(0, 7);

        assertThat(tensor.values()).containsExactly(1, 2);
        assertThat(tensor.shape()).containsExactly(2);
    }

    @Test
    void values_returnsACopy() {
        Tensor tensor = new Tensor("bias", List.of(2), new float[] {1, 2});

        tensor.values()[0] = 99;

        assertThat(tensor.values()).containsExactly(1, 2);
        assertThat(tensor.get(0)).isEqualTo(1f);
    }

    @Test
    void equals_isByNameShapeAndValue() {
        Tensor tensor = new Tensor("w", List.of(2), new float[] {1, 2});

        assertThat(tensor).isEqualTo(new Tensor("w", List.of(2), new float[] {1, 2}))
                .hasSameHashCodeAs(new Tensor("w", List.of(2), new float[] {1, 2}));
        assertThat(tensor).isNotEqualTo(new Tensor("w", List.of(2), new float[] {1, 3}));
        assertThat(tensor).isNotEqualTo(new Tensor("b", List.of(2), new float[] {1, 2}));
        assertThat(tensor).isNotEqualTo(new Tensor("w", List.of(1, 2), new float[] {1, 2}));
    }

    @Test
    void json_roundTrip_givesAnEqualTensor() {
        Tensor tensor = new Tensor("weight", List.of(1, 2, 2), new float[] {0.5f, -1.25f, 3e-7f, Float.MAX_VALUE});

        assertThat(Json.read(Json.write(tensor), Tensor.class)).isEqualTo(tensor);
    }
}
