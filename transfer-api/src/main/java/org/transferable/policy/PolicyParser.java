package org.transferable.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a policy's string form:
 *
 * <pre>
 * policy    := phase ( "&gt;" phase )* ( ";" option )*
 * phase     := [ ( epochs | percent "%" ) ":" ] selection ( "," selection )*
 * selection := range [ "=" rule ]
 * range     := "all" | "copied" | "new" | index | [ index ] ".." [ index ]
 * index     := integer | "n" | "n+" integer | "n-" integer
 * rule      := "x" number | "geo(" number ")" | "decay(" number ")" | "bias" [ "(" number ")" ]
 * option    := "l2sp(" number "," number ")" | "wd" | "bn=" ( "running" | "batch" | "train" ) | "reset"
 * </pre>
 */
final class PolicyParser {
    private static final Pattern INDEX = Pattern.compile("[0-9]+|n|n[+-][0-9]+");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern CALL = Pattern.compile("([a-z0-9]+)\\(([^()]*)\\)");

    private PolicyParser() {
    }

    static FineTuning parse(String text) {
        if (text == null || text.isBlank()) {
            throw fail(text, "it is empty");
        }
        String[] parts = text.split(";", -1);
        List<Phase> phases = new ArrayList<>();
        String[] phaseTexts = parts[0].split(">", -1);
        for (int i = 0; i < phaseTexts.length; i++) {
            phases.add(phase(text, phaseTexts[i], i + 1, i == phaseTexts.length - 1));
        }
        Regulariser regulariser = Regulariser.WEIGHT_DECAY;
        FrozenBatchNorm batchNorm = FrozenBatchNorm.RUNNING;
        boolean reset = false;
        for (int i = 1; i < parts.length; i++) {
            String option = parts[i].trim();
            Matcher call = CALL.matcher(option);
            if (option.startsWith("bn=")) {
                batchNorm = FrozenBatchNorm.ofLabel(option.substring(3));
            } else if (option.equals("reset")) {
                reset = true;
            } else if (option.equals("wd")) {
                regulariser = Regulariser.WEIGHT_DECAY;
            } else if (call.matches() && call.group(1).equals("l2sp")) {
                String[] args = call.group(2).split(",", -1);
                if (args.length != 2) {
                    throw fail(text, "l2sp takes two numbers, alpha and beta, as in l2sp(0.01,0.001)");
                }
                regulariser = new Regulariser.L2Sp(number(text, args[0]), number(text, args[1]));
            } else {
                throw fail(text, "option '" + option + "' is not one of l2sp(alpha,beta), wd, bn=running|batch|train, "
                        + "reset");
            }
        }
        return new FineTuning(phases, regulariser, batchNorm, reset);
    }

    private static Phase phase(String text, String phase, int index, boolean last) {
        String body = phase.trim();
        int epochs = 0;
        double percent = 0;
        String length = null;
        int colon = body.indexOf(':');
        if (colon >= 0) {
            length = body.substring(0, colon).trim();
            if (length.matches("[0-9]{1,5}")) {
                epochs = Integer.parseInt(length);
            } else if (length.endsWith("%") && NUMBER.matcher(length.substring(0, length.length() - 1)).matches()) {
                percent = Double.parseDouble(length.substring(0, length.length() - 1));
                if (percent >= 100) {
                    throw fail(text, "phase " + index + " must take less than 100% of the epochs, got " + length);
                }
            } else {
                throw fail(text, "phase " + index + " must start with its length, a number of epochs or a percentage "
                        + "of them, and ':', as in '4:' or '25%:', got '" + length + ":'");
            }
            if (epochs == 0 && percent == 0) {
                throw fail(text, "phase " + index + " must run at least 1 epoch, got " + length);
            }
            body = body.substring(colon + 1);
        }
        if (last && length != null) {
            throw fail(text, "the last phase runs the epochs the configuration has left, so it takes no length; "
                    + "got '" + length + ":' (add a phase after it, e.g. '" + phase.trim() + ">all')");
        }
        if (!last && length == null) {
            throw fail(text, "phase " + index + " must give its length, as in '2:" + body + "' or '25%:" + body
                    + "'; only the last phase runs the rest");
        }
        List<Selection> selections = new ArrayList<>();
        for (String selection : body.split(",", -1)) {
            selections.add(selection(text, selection.trim()));
        }
        return new Phase(epochs, percent, selections);
    }

    private static Selection selection(String text, String selection) {
        int equals = selection.indexOf('=');
        String range = equals < 0 ? selection : selection.substring(0, equals).trim();
        LayerRule rule = equals < 0 ? LayerRule.FULL : rule(text, selection.substring(equals + 1).trim());
        return new Selection(range(text, range), rule);
    }

    private static LayerRange range(String text, String range) {
        switch (range) {
            case "all":
                return LayerRange.ALL;
            case "copied":
                return LayerRange.COPIED;
            case "new":
                return LayerRange.NEW;
            default:
                break;
        }
        int dots = range.indexOf("..");
        if (dots < 0) {
            return LayerRange.layer(index(text, range));
        }
        String from = range.substring(0, dots).trim();
        String to = range.substring(dots + 2).trim();
        return new LayerRange(from.isEmpty() ? null : index(text, from), to.isEmpty() ? null : index(text, to));
    }

    private static LayerIndex index(String text, String index) {
        if (!INDEX.matcher(index).matches()) {
            throw fail(text, "'" + index + "' is not a layer: give all, copied, new, a layer such as 3, n, n+1 or "
                    + "n-2, or a range such as 2..4, n.. or ..n-1");
        }
        try {
            if (index.startsWith("n")) {
                return index.equals("n") ? LayerIndex.N : LayerIndex.fromN(Integer.parseInt(index.substring(1)));
            }
            return LayerIndex.of(Integer.parseInt(index));
        } catch (NumberFormatException e) {
            throw fail(text, "layer '" + index + "' is out of range");
        }
    }

    private static LayerRule rule(String text, String rule) {
        if (rule.startsWith("x")) {
            return new LayerRule.Scaled(number(text, rule.substring(1)));
        }
        if (rule.equals("bias")) {
            return new LayerRule.BiasOnly(1.0);
        }
        Matcher call = CALL.matcher(rule);
        if (call.matches()) {
            double value = number(text, call.group(2));
            switch (call.group(1)) {
                case "geo":
                    return new LayerRule.Geometric(value);
                case "decay":
                    return new LayerRule.LayerDecay(value);
                case "bias":
                    return new LayerRule.BiasOnly(value);
                default:
                    break;
            }
        }
        throw fail(text, "rule '" + rule + "' is not one of x<multiple>, geo(<lowest>), decay(<factor>), bias, "
                + "bias(<multiple>)");
    }

    private static double number(String text, String number) {
        String trimmed = number.trim();
        if (!NUMBER.matcher(trimmed).matches()) {
            throw fail(text, "'" + trimmed + "' is not a number");
        }
        return Double.parseDouble(trimmed);
    }

    private static IllegalArgumentException fail(String text, String why) {
        return new IllegalArgumentException("fine-tuning policy '" + text + "' cannot be read: " + why);
    }
}
