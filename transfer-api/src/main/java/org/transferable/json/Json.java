package org.transferable.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * JSON reading and writing for the library's records. The mapper is configured once and never changed, so it is
 * safe to share between threads.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** @return the shared, pre-configured mapper (do not reconfigure it) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes a value as indented JSON.
     *
     * @return the JSON text
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a value from JSON text.
     *
     * @return the value
     * @throws IllegalArgumentException "invalid {Type} JSON: ..." with the record's own validation message, or
     *     Jackson's message followed by where the problem is, e.g. {@code (at layers[0], line 3, column 14)}
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON: " + describe(e), e);
        }
    }

    /**
     * Reads a value from a JSON file.
     *
     * @return the value
     */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return read(Files.readString(file), type);
    }

    /**
     * Writes JSON to {@code file} atomically: to a temporary file in the same folder, then renamed over it, so a
     * crash leaves either the old or the new file, never half of one.
     */
    public static void writeAtomically(Path file, Object value) throws IOException {
        writeAtomically(file, write(value));
    }

    /** Writes text to {@code file} atomically (temporary file + atomic rename). */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * A validation error thrown by a record's constructor speaks for itself; a Jackson error is its original message
     * plus the path and position, without Jackson's "[Source: REDACTED ...]" boilerplate.
     */
    private static String describe(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (!(root instanceof JsonProcessingException jackson)) {
            return root.getMessage() != null ? root.getMessage() : root.toString();
        }
        StringBuilder where = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference step : mapping.getPath()) {
                if (step.getFieldName() != null) {
                    where.append(where.length() == 0 ? "" : ".").append(step.getFieldName());
                } else if (step.getIndex() >= 0) {
                    where.append('[').append(step.getIndex()).append(']');
                }
            }
        }
        JsonLocation location = e.getLocation() != null ? e.getLocation() : jackson.getLocation();
        if (location != null && location.getLineNr() > 0) {
            where.append(where.length() == 0 ? "" : ", ").append("line ").append(location.getLineNr())
                    .append(", column ").append(location.getColumnNr());
        }
        String known = jackson instanceof PropertyBindingException binding && binding.getKnownPropertyIds() != null
                ? " (known properties: " + binding.getKnownPropertyIds() + ")"
                : "";
        return jackson.getOriginalMessage() + known + (where.length() == 0 ? "" : " (at " + where + ")");
    }

}
