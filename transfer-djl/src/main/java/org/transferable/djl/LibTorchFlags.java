package org.transferable.djl;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * libtorch's process-wide switches that DJL does not expose: whether convolutions may use oneDNN (PyTorch's
 * {@code torch.backends.mkldnn.enabled}) and NNPACK ({@code torch.backends.nnpack.enabled}). They are members of
 * {@code at::Context}, reached here through the C++ symbols libtorch exports ({@code at::globalContext()} and
 * {@code at::Context::setUserEnabledMkldnn(bool)}, Itanium ABI: the object is the first argument). PyTorch reads
 * them each time it picks a convolution algorithm, forward and backward.
 *
 * <p>Only on Linux, where the symbols were checked against libtorch 2.7.1; elsewhere, or with a libtorch that lacks
 * them, {@link #find()} is empty and the backend has no configuration but the default.
 */
final class LibTorchFlags {
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_MKLDNN = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String GET_MKLDNN = "_ZNK2at7Context17userEnabledMkldnnEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";

    private final Pointer context;
    private final Function setMkldnn;
    private final Function getMkldnn;
    private final Function setNnpack;

    private LibTorchFlags(NativeLibrary torch) {
        context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
        setMkldnn = torch.getFunction(SET_MKLDNN);
        getMkldnn = torch.getFunction(GET_MKLDNN);
        setNnpack = torch.getFunction(SET_NNPACK);
    }

    /**
     * The switches of the libtorch that DJL loaded; call after the engine has loaded.
     *
     * @return the switches, or empty where they cannot be reached
     */
    static Optional<LibTorchFlags> find() {
        if (!Platform.isLinux()) {
            return Optional.empty();
        }
        try {
            Path library = Path.of(LibUtils.getLibtorchPath()).resolve("libtorch_cpu.so");
            return Optional.of(new LibTorchFlags(NativeLibrary.getInstance(library.toString())));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return whether convolutions may use oneDNN now */
    boolean oneDnn() {
        return getMkldnn.invokeInt(new Object[] {context}) != 0;
    }

    /**
     * Lets convolutions use oneDNN, or makes them use PyTorch's own kernels (im2col and a matrix product). NNPACK,
     * which PyTorch would try next and which this processor cannot run (it logs a warning per call), is switched
     * off with oneDNN and back on with it.
     *
     * @param enabled whether oneDNN may be used
     */
    void setOneDnn(boolean enabled) {
        setMkldnn.invokeVoid(new Object[] {context, enabled});
        setNnpack.invokeVoid(new Object[] {context, enabled});
    }
}
