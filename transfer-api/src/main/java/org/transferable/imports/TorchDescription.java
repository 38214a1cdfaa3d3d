package org.transferable.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.transferable.json.Json;
import org.transferable.spec.InputShape;

/**
 * The JSON description of an {@code nn.Sequential} that travels beside its {@code state_dict}:
 *
 * <pre>
 * {"format": "torch.nn.Sequential", "torch": "1.13.0", "input": {"channels": 1, "height": 28, "width": 28},
 *  "modules": [{"name": "0", "type": "Conv2d", "in_channels": 1, "out_channels": 8, "kernel_size": [5, 5],
 *               "stride": [1, 1], "padding": [0, 0], "dilation": [1, 1], "groups": 1, "padding_mode": "zeros",
 *               "bias": true},
 *              {"name": "1", "type": "ReLU"}, ...]}
 * </pre>
 *
 * Each module has its name in the Sequential and its class name, and its constructor arguments under PyTorch's
 * attribute names ({@code bias} is whether it has one).
 *
 * @param torchVersion the version of torch that saved the network
 * @param input the shape of one input image
 * @param modules the modules in order
 */
record TorchDescription(String torchVersion, InputShape input, List<TorchModule> modules) {
    /** The value of {@code format}. */
    static final String FORMAT = "torch.nn.Sequential";

    /**
     * Reads a description.
     *
     * @throws IllegalArgumentException naming the file and what it lacks
     */
    static TorchDescription read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + " is not a description of a PyTorch network: it needs "
                    + "\"format\": \"" + FORMAT + "\"");
        }
        JsonNode torch = root.path("torch");
        JsonNode input = root.path("input");
        JsonNode modules = root.path("modules");
        if (!torch.isTextual() || !modules.isArray() || modules.isEmpty()
                || !input.path("channels").canConvertToInt() || !input.path("height").canConvertToInt()
                || !input.path("width").canConvertToInt()) {
            throw new IllegalArgumentException(file + " needs \"torch\" (its version), \"input\" ({\"channels\", "
                    + "\"height\", \"width\"}) and a non-empty list of \"modules\"");
        }
        InputShape shape = InputShape.image(input.path("channels").asInt(), input.path("height").asInt(),
                input.path("width").asInt());
        List<TorchModule> list = new ArrayList<>();
        for (JsonNode module : modules) {
            if (!module.path("name").isTextual() || !module.path("type").isTextual()) {
                throw new IllegalArgumentException(file + ": module " + list.size() + " needs a \"name\" and a "
                        + "\"type\", got " + module);
            }
            list.add(new TorchModule(list.size(), module.get("name").asText(), module.get("type").asText(),
                    module));
        }
        return new TorchDescription(torch.asText(), shape, List.copyOf(list));
    }
}
