package org.transferable.imports;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One module of a described {@code nn.Sequential}: its position, its name in the {@code state_dict} (the prefix of
 * its tensors' keys), its kind and its constructor arguments as the description gives them.
 *
 * @param index its position in the Sequential, from 0
 * @param name its name, e.g. {@code 0}
 * @param type its class name, e.g. {@code Conv2d}
 * @param arguments its constructor arguments, e.g. {@code {"kernel_size": [5, 5], ...}}
 */
record TorchModule(int index, String name, String type, JsonNode arguments) {
    /** What the importer maps, in order. */
    static final String SUPPORTED = "supported: Conv2d (square kernel and stride, square padding or 'same' or "
            + "'valid', zeros padding, no dilation or groups, with bias) [+ BatchNorm2d] [+ activation] [+ MaxPool2d "
            + "or AvgPool2d (square, no padding, floor mode)] [+ Dropout], once Flatten, Linear (with bias) "
            + "[+ BatchNorm1d] [+ activation] [+ Dropout], and a Linear last [+ Softmax or LogSoftmax]; activations: "
            + "ReLU, LeakyReLU (negative_slope 0.01), Tanh, Sigmoid, Identity (none is the identity)";

    /** @return its kind, and its name where that is not its index, e.g. {@code Conv2d} or {@code Conv2d 'conv1'} */
    String describe() {
        return name.equals(String.valueOf(index)) ? type : type + " '" + name + "'";
    }

    /** @return whether it is of the given kind */
    boolean is(String kind) {
        return type.equals(kind);
    }

    /** @return the key of one of its tensors in the state_dict, e.g. {@code 0.weight} */
    String key(String tensor) {
        return name + "." + tensor;
    }

    /** @return an integer argument */
    int integer(String argument) {
        JsonNode value = arguments.path(argument);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw unsupported("its description needs " + argument + " as an integer, got " + text(value));
        }
        return value.asInt();
    }

    /** @return a side argument given as one integer or a pair of equal ones, e.g. {@code 5} or {@code [5, 5]} */
    int square(String argument) {
        JsonNode value = arguments.path(argument);
        if (value.isArray() && value.size() == 2 && value.get(0).isIntegralNumber()
                && value.get(0).canConvertToInt() && value.get(0).equals(value.get(1))) {
            return value.get(0).asInt();
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.asInt();
        }
        throw unsupported("expected a square " + argument + " (an integer or a pair of equal integers), got "
                + text(value));
    }

    /** @return a boolean argument */
    boolean flag(String argument) {
        JsonNode value = arguments.path(argument);
        if (!value.isBoolean()) {
            throw unsupported("its description needs " + argument + " as true or false, got " + text(value));
        }
        return value.asBoolean();
    }

    /** @return a number argument */
    double number(String argument) {
        JsonNode value = arguments.path(argument);
        if (!value.isNumber()) {
            throw unsupported("its description needs " + argument + " as a number, got " + text(value));
        }
        return value.asDouble();
    }

    /** @return a text argument, or {@code fallback} when the description leaves it out */
    String text(String argument, String fallback) {
        JsonNode value = arguments.path(argument);
        return value.isMissingNode() ? fallback : value.asText();
    }

    /** Refuses the module unless {@code ok}, saying what was expected. */
    void require(boolean ok, String expected) {
        if (!ok) {
            throw unsupported("expected " + expected);
        }
    }

    /** @return "module 3 of the PyTorch network (Tanh) cannot be imported: why; supported: ..." */
    IllegalArgumentException unsupported(String why) {
        return new IllegalArgumentException("module " + index + " of the PyTorch network (" + describe()
                + ") cannot be imported: " + why + "; " + SUPPORTED);
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() ? "nothing" : value.toString();
    }
}
