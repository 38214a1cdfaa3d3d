package org.transferable.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the example programs: {@code --name value} pairs and {@code --flag}s. Unknown options
 * and malformed numbers fail with a message naming the option, the value and what is allowed.
 */
public final class ExampleArgs {
    private final Map<String, String> values;

    private ExampleArgs(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses arguments.
     *
     * @param args the program's arguments
     * @param options option names the program knows (without {@code --})
     * @param flags flag names (no value)
     * @return the parsed options
     * @throws IllegalArgumentException for an unknown option or a missing value
     */
    public static ExampleArgs parse(String[] args, Set<String> options, Set<String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected an option such as --" + options.iterator().next()
                        + ", got '" + arg + "'");
            }
            String name = arg.substring(2);
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (options.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option --" + name + "; known options: "
                        + options.stream().sorted().map(o -> "--" + o).toList()
                        + (flags.isEmpty() ? "" : ", flags: " + flags.stream().sorted().map(o -> "--" + o).toList()));
            }
        }
        return new ExampleArgs(values);
    }

    /** @return whether the flag or option was given */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** @return the option's value or the default */
    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /**
     * An integer option.
     *
     * @throws IllegalArgumentException naming the option, the value and the range
     */
    public int integer(String name, int fallback, int min, int max) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer in [" + min + ", " + max + "], got '"
                    + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /**
     * A decimal option.
     *
     * @throws IllegalArgumentException naming the option, the value and the range
     */
    public double decimal(String name, double fallback, double min, double max) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number in [" + min + ", " + max + "], got '"
                    + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("--" + name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** @return a path option or the default */
    public Path path(String name, Path fallback) {
        String text = values.get(name);
        return text == null ? fallback : Path.of(text);
    }

    /** @return a comma-separated list option, or the default */
    public List<String> list(String name, List<String> fallback) {
        String text = values.get(name);
        return text == null ? fallback : List.of(text.split("\\s*,\\s*"));
    }
}
