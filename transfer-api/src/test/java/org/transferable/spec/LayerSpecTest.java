package org.transferable.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Field validation of the layer records and their {@code withX} copies. */
class LayerSpecTest {

    @Test
    void convolutionOf_defaults_strideOneNoPaddingNoBatchNormNoPooling() {
        assertThat(ConvolutionLayer.of("conv1", 32, 5))
                .isEqualTo(new ConvolutionLayer("conv1", 32, 5, 1, 0, false, Pooling.none()));
    }

    @Test
    void convolutionWithX_changesOneFieldAndLeavesTheOriginal() {
        ConvolutionLayer original = ConvolutionLayer.of("conv1", 32, 5);

        assertThat(original.withPadding(2))
                .isEqualTo(new ConvolutionLayer("conv1", 32, 5, 1, 2, false, Pooling.none()));
        assertThat(original.withBatchNorm(true))
                .isEqualTo(new ConvolutionLayer("conv1", 32, 5, 1, 0, true, Pooling.none()));
        assertThat(original.withPooling(Pooling.max(3, 2)))
                .isEqualTo(new ConvolutionLayer("conv1", 32, 5, 1, 0, false, Pooling.max(3, 2)));
        assertThat(original).isEqualTo(ConvolutionLayer.of("conv1", 32, 5));
    }

    @Test
    void convolution_negativePadding_fails() {
        ConvolutionLayer layer = ConvolutionLayer.of("conv1", 8, 3);

        assertThatThrownBy(() -> layer.withPadding(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("padding of conv1 must be in [0, 64], got -1");
    }

    @Test
    void convolution_fieldsOutOfRange_failNamingTheLayer() {
        assertThatThrownBy(() -> new ConvolutionLayer("c", 65537, 3, 1, 0, false, Pooling.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("filters of c must be in [1, 65536], got 65537");
        assertThatThrownBy(() -> new ConvolutionLayer("c", 8, 0, 1, 0, false, Pooling.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kernel of c must be in [1, 64], got 0");
        assertThatThrownBy(() -> new ConvolutionLayer("c", 8, 3, 65, 0, false, Pooling.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stride of c must be in [1, 64], got 65");
        assertThatThrownBy(() -> new ConvolutionLayer("c", 8, 3, 1, 0, false, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("pooling of c must not be null; use Pooling.none()");
    }

    @Test
    void convolutionOf_defaults_explicitPaddingNoDropout() {
        ConvolutionLayer layer = ConvolutionLayer.of("conv1", 8, 3);

        assertThat(layer.paddingMode()).isEqualTo(PaddingMode.EXPLICIT);
        assertThat(layer.dropout()).isZero();
        assertThat(layer).isEqualTo(new ConvolutionLayer("conv1", 8, 3, 1, 0, false, Pooling.none(),
                Activation.RELU, PaddingMode.EXPLICIT, 0.0));
        assertThat(new ConvolutionLayer("conv1", 8, 3, 1, 0, false, Pooling.none(), null, null, 0.0))
                .isEqualTo(layer);
    }

    @Test
    void convolutionWithSamePadding_thenWithPadding_isExplicitAgain() {
        ConvolutionLayer same = ConvolutionLayer.of("conv1", 8, 3).withPadding(1).withSamePadding();

        assertThat(same).isEqualTo(new ConvolutionLayer("conv1", 8, 3, 1, 0, false, Pooling.none(),
                Activation.RELU, PaddingMode.SAME, 0.0));
        assertThat(same.withPadding(2)).isEqualTo(ConvolutionLayer.of("conv1", 8, 3).withPadding(2));
        assertThat(same.withDropout(0.25).withBatchNorm(true).withPooling(Pooling.max(2, 2))
                .withActivation(Activation.TANH)).isEqualTo(new ConvolutionLayer("conv1", 8, 3, 1, 0, true,
                        Pooling.max(2, 2), Activation.TANH, PaddingMode.SAME, 0.25));
    }

    @Test
    void convolution_samePaddingWithExplicitPadding_fails() {
        assertThatThrownBy(() -> new ConvolutionLayer("conv1", 8, 3, 1, 1, false, Pooling.none(), Activation.RELU,
                PaddingMode.SAME, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("padding of conv1 must be 0 in padding mode same (which computes its own), got 1");
    }

    @Test
    void convolution_dropoutOutOfRange_fails() {
        ConvolutionLayer layer = ConvolutionLayer.of("conv1", 8, 3);

        assertThatThrownBy(() -> layer.withDropout(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropout of conv1 must be in [0.0, 1.0), got 1.0");
        assertThatThrownBy(() -> layer.withDropout(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropout of conv1 must be in [0.0, 1.0), got -0.1");
        assertThatThrownBy(() -> layer.withDropout(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropout of conv1 must be in [0.0, 1.0), got NaN");
    }

    @ParameterizedTest(name = "input {0}, kernel {1}, stride {2}: output {3}, padding {4} before, {5} after")
    @CsvSource({"28, 3, 2, 14, 0, 1", "28, 3, 1, 28, 1, 1", "28, 4, 2, 14, 1, 1", "28, 5, 1, 28, 2, 2",
        "7, 4, 1, 7, 1, 2", "7, 3, 2, 4, 1, 1", "7, 2, 2, 4, 0, 1", "8, 3, 2, 4, 0, 1", "4, 5, 1, 4, 2, 2",
        "7, 1, 4, 2, 0, 0", "1, 3, 1, 1, 1, 1"})
    void convolutionOutputSide_samePadding_isTheInputOverTheStrideRoundedUp(int in, int kernel, int stride, int out,
            int before, int after) {
        ConvolutionLayer layer = new ConvolutionLayer("conv1", 8, kernel, stride, 0, false, Pooling.none())
                .withSamePadding();

        assertThat(layer.outputSide(in)).isEqualTo(out).isEqualTo((in + stride - 1) / stride);
        assertThat(layer.paddingBefore(in)).isEqualTo(before);
        assertThat(layer.paddingAfter(in)).isEqualTo(after);
    }

    @Test
    void convolutionOutputSide_explicitPadding_isTheUsualFormula() {
        ConvolutionLayer layer = new ConvolutionLayer("conv1", 8, 3, 2, 1, false, Pooling.none());

        assertThat(layer.outputSide(28)).isEqualTo(14);
        assertThat(layer.paddingBefore(28)).isEqualTo(1);
        assertThat(layer.paddingAfter(28)).isEqualTo(1);
        assertThat(ConvolutionLayer.of("conv1", 8, 5).outputSide(4)).isNegative();
    }

    @Test
    void outputDropout_eachKind_isItsDropoutOrZero() {
        assertThat(ConvolutionLayer.of("conv1", 8, 3).withDropout(0.25).outputDropout()).isEqualTo(0.25);
        assertThat(DenseLayer.of("fc", 10).withDropout(0.5).outputDropout()).isEqualTo(0.5);
        assertThat(new OutputLayer("out").outputDropout()).isZero();
    }

    @Test
    void denseOf_defaults_noDropoutNoBatchNorm() {
        assertThat(DenseLayer.of("fc", 10)).isEqualTo(new DenseLayer("fc", 10, 0.0, false));
        assertThat(DenseLayer.of("fc", 10).withDropout(0.5).withBatchNorm(true))
                .isEqualTo(new DenseLayer("fc", 10, 0.5, true));
    }

    @Test
    void dense_dropoutOutOfRange_fails() {
        DenseLayer layer = DenseLayer.of("fc", 10);

        assertThatThrownBy(() -> layer.withDropout(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropout of fc must be in [0.0, 1.0), got 1.0");
        assertThatThrownBy(() -> layer.withDropout(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropout of fc must be in [0.0, 1.0), got -0.1");
        assertThatThrownBy(() -> layer.withDropout(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropout of fc must be in [0.0, 1.0), got NaN");
    }

    @Test
    void dense_tooManyUnits_fails() {
        assertThatThrownBy(() -> DenseLayer.of("fc", (1 << 20) + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("units of fc must be in [1, 1048576], got 1048577");
    }

    @Test
    void output_blankOrNullName_fails() {
        assertThatThrownBy(() -> new OutputLayer(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer name must not be blank");
        assertThatThrownBy(() -> new OutputLayer(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("layer name must not be null");
    }

    @Test
    void poolingMax_outputSide_countsWholeWindows() {
        assertThat(Pooling.max(2, 2).outputSide(24)).isEqualTo(12);
        assertThat(Pooling.max(3, 2).outputSide(7)).isEqualTo(3);
        assertThat(Pooling.max(2, 2).outputSide(3)).isEqualTo(1);
        assertThat(Pooling.max(3, 1).outputSide(3)).isEqualTo(1);
        assertThat(Pooling.max(3, 1).outputSide(2)).isNegative();
    }

    @Test
    void poolingNone_outputSide_isTheInput() {
        assertThat(Pooling.none().outputSide(17)).isEqualTo(17);
        assertThat(Pooling.none()).isEqualTo(Pooling.none());
    }

    @Test
    void poolingMax_outOfRange_fails() {
        assertThatThrownBy(() -> Pooling.max(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pooling size must be in [1, 64], got 0");
        assertThatThrownBy(() -> Pooling.max(2, 65))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pooling stride must be in [1, 64], got 65");
    }
}
