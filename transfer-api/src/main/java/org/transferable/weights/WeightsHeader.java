package org.transferable.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transferable.json.Json;

/**
 * The checked header of a {@link WeightsFile}: each layer's tensors (in data order) and where their bytes are.
 *
 * @param layers tensors by layer name, in the order of {@code __metadata__.layers}
 * @param dataBytes how many bytes of data the tensors cover, from offset 0 without gaps
 */
record WeightsHeader(Map<String, List<Entry>> layers, long dataBytes) {

    /**
     * One tensor of the header.
     *
     * @param tensor the tensor's name within its layer
     * @param shape its dimensions
     * @param begin first byte within the data
     * @param end byte after its last
     */
    record Entry(String tensor, List<Integer> shape, long begin, long end) {
    }

    /**
     * Checks a parsed header.
     *
     * @throws WeightsFormatException naming the file, and the tensor where one is at fault
     */
    static WeightsHeader parse(Path file, JsonNode root) {
        if (!root.isObject()) {
            throw new WeightsFormatException(file + " has a malformed header: it is not a JSON object");
        }
        JsonNode metadata = root.get("__metadata__");
        if (metadata == null || !metadata.isObject()) {
            throw new WeightsFormatException(file + " is not a Transferable weights file: its header has no "
                    + "__metadata__");
        }
        String format = metadata.path("format").asText("");
        if (!WeightsFile.FORMAT.equals(format)) {
            throw new WeightsFormatException(file + " is not a Transferable weights file: __metadata__.format is '"
                    + format + "', expected '" + WeightsFile.FORMAT + "'");
        }
        String version = metadata.path("version").asText("");
        if (!WeightsFile.VERSION.equals(version)) {
            throw new WeightsFormatException(file + " has weights format version '" + version
                    + "'; this library reads version " + WeightsFile.VERSION);
        }
        Map<String, List<Entry>> layers = new LinkedHashMap<>();
        for (String name : layerNames(file, metadata.path("layers").asText(""))) {
            if (layers.put(name, new ArrayList<>()) != null) {
                throw new WeightsFormatException(file + ": layer " + name + " is listed twice in __metadata__.layers");
            }
        }
        List<Entry> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                continue;
            }
            String key = field.getKey();
            int dot = key.lastIndexOf('.');
            List<Entry> layer = dot > 0 ? layers.get(key.substring(0, dot)) : null;
            if (layer == null) {
                throw new WeightsFormatException(file + ": tensor " + key + " belongs to no layer of "
                        + "__metadata__.layers " + layers.keySet());
            }
            if (dot == key.length() - 1) {
                throw new WeightsFormatException(file + ": tensor key " + key + " has no tensor name after the dot");
            }
            Entry entry = entry(file, key, key.substring(dot + 1), field.getValue());
            layer.add(entry);
            all.add(entry);
        }
        Comparator<Entry> byBegin = Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end);
        all.sort(byBegin);
        long end = 0;
        for (Entry entry : all) {
            if (entry.begin() != end) {
                throw new WeightsFormatException(file + ": a tensor starts at byte " + entry.begin()
                        + " of the data, but the tensors before it end at byte " + end);
            }
            end = entry.end();
        }
        layers.values().forEach(list -> list.sort(byBegin));
        return new WeightsHeader(layers, end);
    }

    private static List<String> layerNames(Path file, String json) {
        try {
            List<String> names = new ArrayList<>();
            JsonNode array = Json.mapper().readTree(json.isEmpty() ? "null" : json);
            if (array != null && array.isArray()) {
                for (JsonNode name : array) {
                    if (!name.isTextual() || name.asText().isBlank()) {
                        names = null;
                        break;
                    }
                    names.add(name.asText());
                }
                if (names != null) {
                    return names;
                }
            }
        } catch (JsonProcessingException e) {
            // reported below with the text itself
        }
        throw new WeightsFormatException(file + ": __metadata__.layers must be a JSON array of layer names, got '"
                + json + "'");
    }

    private static Entry entry(Path file, String key, String tensor, JsonNode node) {
        String dtype = node.path("dtype").asText("");
        if (!dtype.equals("F32")) {
            throw new WeightsFormatException(file + ": tensor " + key + " has dtype '" + dtype
                    + "'; only F32 is supported");
        }
        JsonNode shapeNode = node.path("shape");
        List<Integer> shape = new ArrayList<>();
        long values = 1;
        for (JsonNode d : shapeNode) {
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 0) {
                shape = null;
                break;
            }
            shape.add(d.asInt());
            values = Math.min(values * d.asInt(), Integer.MAX_VALUE + 1L);
        }
        if (!shapeNode.isArray() || shape == null) {
            throw new WeightsFormatException(file + ": tensor " + key + " has an invalid shape " + shapeNode
                    + "; expected an array of non-negative integers");
        }
        if (values > Integer.MAX_VALUE) {
            throw new WeightsFormatException(file + ": tensor " + key + " of shape " + shape + " has more than "
                    + Integer.MAX_VALUE + " values");
        }
        JsonNode offsets = node.path("data_offsets");
        if (!offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber() || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong() || offsets.get(0).asLong() < 0
                || offsets.get(1).asLong() < offsets.get(0).asLong()) {
            throw new WeightsFormatException(file + ": tensor " + key + " has invalid data_offsets " + offsets
                    + "; expected [begin, end] with 0 <= begin <= end");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (end - begin != 4 * values) {
            throw new WeightsFormatException(file + ": tensor " + key + " of shape " + shape + " needs "
                    + 4 * values + " bytes but its data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        return new Entry(tensor, List.copyOf(shape), begin, end);
    }
}
