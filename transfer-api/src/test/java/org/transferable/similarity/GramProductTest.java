package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transferable.similarity.TestMatrices.gaussian;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The Gram matrices of the linear-kernel measures are formed by EJML's {@code multOuter} (half the products,
 * mirrored) instead of {@code multTransB(x, x)}; the profiles stay bit-identical only while both sum in one order.
 */
class GramProductTest {
    @Test
    void multOuter_equalsFullProductBitForBit() {
        DMatrixRMaj x = new DMatrixRMaj(gaussian(40, 300, 1.5, 7));

        DMatrixRMaj half = CommonOps_DDRM.multOuter(x, null);
        DMatrixRMaj full = CommonOps_DDRM.multTransB(x, x, null);

        assertThat(half.numRows).isEqualTo(40);
        assertThat(half.data).containsExactly(full.data);
    }
}
