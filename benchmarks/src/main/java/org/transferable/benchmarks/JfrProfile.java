package org.transferable.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.transferable.examples.ExampleArgs;

/**
 * Where a recorded run spent its time, from a Java Flight Recorder file: the share of stack samples by the method on
 * top of the stack, and, for native calls (libtorch through DJL's JNI, ND4J's natives), by the call and the method of
 * ours that made it. {@code benchmarks/profile-study.sh} records the whole study with JFR and prints this.
 *
 * <p>Counted are JFR's execution samples (threads running Java code) and native-method samples (threads inside a
 * native call, which for a training worker means inside the engine's kernels), of threads running our code: samples
 * whose stack has no {@code org.transferable} frame (Maven's threads, JFR's own, the JIT) are left out. JFR takes at
 * most one native sample and five Java samples per period, so with several threads inside native calls the native
 * rows are a sample of them: their shares compare with each other, less so with the Java rows.
 *
 * <p>Options: {@code --jfr FILE} (required), {@code --top N} (rows per table, default 12).
 */
public final class JfrProfile {
    private static final String OURS = "org.transferable.";

    /**
     * One stack sample.
     *
     * @param inNative whether the thread was inside a native call
     * @param top the method on top of the stack (for a native call, the Java method that declares it)
     * @param caller our method nearest the top of the stack
     */
    record Sample(boolean inNative, String top, String caller) {
    }

    private JfrProfile() {
    }

    /**
     * Prints the profile of a recording.
     *
     * @param args see the class documentation
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        ExampleArgs options = ExampleArgs.parse(args, Set.of("jfr", "top"), Set.of());
        if (!options.has("jfr")) {
            throw new IllegalArgumentException("--jfr FILE is required (a recording made with "
                    + "-XX:StartFlightRecording, e.g. by benchmarks/profile-study.sh)");
        }
        Path file = Path.of(options.text("jfr", ""));
        int top = options.integer("top", 12, 1, 1000);
        System.out.print(report(file.toString(), read(file), top));
    }

    /**
     * Reads the samples of threads running our code.
     *
     * @param file a JFR recording
     * @return its samples, in the file's order
     * @throws IllegalArgumentException when the file does not exist
     * @throws IOException when it is not a readable recording
     */
    static List<Sample> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("JFR recording " + file.toAbsolutePath() + " does not exist");
        }
        List<Sample> samples = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            boolean inNative = type.equals("jdk.NativeMethodSample");
            RecordedStackTrace stack = event.getStackTrace();
            if (!inNative && !type.equals("jdk.ExecutionSample") || stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<String> frames = stack.getFrames().stream().map(JfrProfile::name).toList();
            frames.stream().filter(name -> name.startsWith(OURS)).findFirst()
                    .ifPresent(caller -> samples.add(new Sample(inNative, frames.get(0), caller)));
        }
        return samples;
    }

    /**
     * The two tables: samples by top method, and native samples by call and caller.
     *
     * @param source what the samples come from, for the heading
     * @param samples the samples
     * @param top rows per table
     * @return the report, ending with a line break
     */
    static String report(String source, List<Sample> samples, int top) {
        StringBuilder out = new StringBuilder();
        long inNative = samples.stream().filter(Sample::inNative).count();
        out.append(String.format(Locale.ROOT, "profile of %s: %d samples of threads running our code, %d in Java, "
                + "%d inside native calls%n", source, samples.size(), samples.size() - inNative, inNative));
        if (inNative > 0 && inNative < samples.size()) {
            out.append("(JFR samples at most 1 thread inside a native call and 5 in Java per period: compare native "
                    + "rows with native rows)").append(System.lineSeparator());
        }
        if (samples.isEmpty()) {
            return out.toString();
        }
        table(out, "on top of the stack", samples, sample -> shorten(sample.top())
                + (sample.inNative() ? " (native)" : ""), top);
        List<Sample> calls = samples.stream().filter(Sample::inNative).toList();
        if (!calls.isEmpty()) {
            table(out, "native calls, by the method of ours that made them", calls,
                    sample -> shorten(sample.top()) + " <- " + shorten(sample.caller()), top);
        }
        return out.toString();
    }

    private static void table(StringBuilder out, String heading, List<Sample> samples, Function<Sample, String> key,
            int top) {
        Map<String, Long> counts = new TreeMap<>();
        samples.forEach(sample -> counts.merge(key.apply(sample), 1L, Long::sum));
        List<Map.Entry<String, Long>> rows = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(top).toList();
        int width = Math.max(heading.length(), rows.stream().mapToInt(row -> row.getKey().length()).max().orElse(0));
        out.append(String.format(Locale.ROOT, "%n%-" + width + "s %8s %7s%n", heading, "samples", "share"));
        for (Map.Entry<String, Long> row : rows) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s %8d %6.1f%%%n", row.getKey(), row.getValue(),
                    percent(row.getValue(), samples.size())));
        }
    }

    /** @return {@code Class.method} with the class's package and a lambda's generated suffix left out */
    static String shorten(String method) {
        String plain = method.replaceAll("\\$\\$Lambda\\$[0-9]+/0x[0-9a-f]+", "\\$\\$Lambda");
        int dot = plain.lastIndexOf('.', plain.lastIndexOf('.') - 1);
        return plain.substring(dot + 1);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
