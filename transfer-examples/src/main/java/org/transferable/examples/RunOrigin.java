package org.transferable.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Where a result came from, in one line for a figure or a summary: backend, machine, date and the git commit of the
 * working directory (when the program runs from a checkout).
 */
final class RunOrigin {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}");

    private RunOrigin() {
    }

    /**
     * @param backend the backend's name, e.g. {@code djl}
     * @return e.g. {@code djl on AMD EPYC, 2 processors, Linux 6.8.0 amd64, Java 17.0.13; 2026-12-01; commit 604cd05}
     */
    static String describe(String backend) {
        return backend + " on " + MachineInfo.describe() + "; " + LocalDate.now() + "; "
                + commit(Path.of("")).map(c -> "commit " + c).orElse("commit unknown (not run from a git checkout)");
    }

    /**
     * @param directory a directory inside a git checkout, or any other
     * @return the abbreviated commit checked out there, with {@code +changes} when tracked files differ from it;
     *     empty when git is missing or the directory is not a checkout
     */
    static Optional<String> commit(Path directory) {
        return git(directory, "rev-parse", "--short", "HEAD").filter(c -> COMMIT.matcher(c).matches())
                .map(c -> git(directory, "status", "--porcelain", "--untracked-files=no")
                        .map(s -> s.isEmpty() ? c : c + "+changes").orElse(c));
    }

    private static Optional<String> git(Path directory, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).directory(directory.toAbsolutePath().toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
