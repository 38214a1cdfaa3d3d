package org.transferable.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.transferable.Checks;
import org.transferable.policy.FineTuning;

/**
 * A transfer in the paper's notation, as a value: copy the first {@code n} layers of a network trained on task
 * {@code source} into a network for task {@code target}, and train it under a fine-tuning policy. {@code A3B} is AnB
 * at n = 3 (copied layers frozen), {@code A3B+} the same fine-tuned, {@code B5B} the selffer BnB at n = 5; any other
 * policy follows in brackets, {@code A3B[4:new>all]} (LP-FT; see {@link FineTuning}).
 *
 * <p>Its JSON form is the notation string. Task names are letters (and {@code _}), so the notation parses back
 * unambiguously.
 *
 * @param source name of the source network's task
 * @param n number of copied layers, at least 1
 * @param policy how the network trains: {@link FineTuning#frozen()} for {@code A3B}, {@link FineTuning#fineTuned()}
 *     for {@code A3B+}, or any other policy
 * @param target name of the target task
 */
public record TransferPlan(String source, int n, FineTuning policy, String target) {
    private static final int MAX_N = 10_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_]+");
    private static final Pattern NOTATION = Pattern.compile("([A-Za-z_]+?)([0-9]+)([A-Za-z_]+)(\\+|\\[(.*)])?");

    /** Validates names and n. */
    public TransferPlan {
        checkName("source task", source);
        Checks.inRange("n", n, 1, MAX_N);
        Objects.requireNonNull(policy, "policy must not be null");
        checkName("target task", target);
    }

    /**
     * Parses the notation.
     *
     * @param notation e.g. {@code A3B}, {@code A3B+}, {@code B7B}, {@code A3B[all=geo(0.01)]}
     * @return the plan
     * @throws IllegalArgumentException when the text is not of the form {@code <source><n><target>[+|[policy]]}, or
     *     the policy cannot be read
     */
    @JsonCreator
    public static TransferPlan parse(String notation) {
        Matcher m = NOTATION.matcher(notation == null ? "" : notation);
        if (!m.matches()) {
            throw new IllegalArgumentException("transfer plan must look like A3B, A3B+ or A3B[policy] (source task, n, "
                    + "target task, + for fine-tuning or a fine-tuning policy in brackets), got '" + notation + "'");
        }
        FineTuning policy = m.group(4) == null ? FineTuning.frozen()
                : m.group(4).equals("+") ? FineTuning.fineTuned() : FineTuning.parse(m.group(5));
        return new TransferPlan(m.group(1), parseN(m.group(2)), policy, m.group(3));
    }

    /** @return whether source and target are the same task (the paper's "selffer", BnB) */
    public boolean selffer() {
        return source.equals(target);
    }

    /** @return the notation, e.g. {@code A3B+} or {@code A3B[4:new>all]} */
    @JsonValue
    @Override
    public String toString() {
        return source + n + target + suffix(policy);
    }

    /**
     * @param policy a policy
     * @return what follows the plan's target in the notation: nothing, {@code +}, or the policy in brackets
     */
    public static String suffix(FineTuning policy) {
        return policy.paperFrozen() ? "" : policy.paperFineTuned() ? "+" : "[" + policy + "]";
    }

    /** Digits to n; more digits than an int holds fail with the same message as any n out of range. */
    private static int parseN(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("n must be in [1, " + MAX_N + "], got " + digits, e);
        }
    }

    private static void checkName(String what, String name) {
        Checks.name(what, name);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be letters or _ (so that the notation parses), got '"
                    + name + "'");
        }
    }
}
