package org.transferable.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;

/**
 * JSON for a number that is NaN where it has no value (the spread of a single replicate): written as {@code null},
 * not as the string {@code "NaN"} that most JSON readers do not take for a number; {@code null} (and, in files
 * written before, {@code "NaN"}) read back as NaN. Put {@code @JsonSerialize(using = NanAsNull.Writer.class)} and
 * {@code @JsonDeserialize(using = NanAsNull.Reader.class)} on the field.
 */
public final class NanAsNull {
    private NanAsNull() {
    }

    /** Writes NaN as {@code null}, any other value as a number. */
    public static final class Writer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (value == null || value.isNaN()) {
                generator.writeNull();
            } else {
                generator.writeNumber(value);
            }
        }
    }

    /** Reads {@code null} (and {@code "NaN"}) as NaN, a number as itself. */
    public static final class Reader extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                return Double.valueOf(parser.getText().trim());
            }
            return parser.getDoubleValue();
        }

        @Override
        public Double getNullValue(DeserializationContext context) {
            return Double.NaN;
        }
    }
}
