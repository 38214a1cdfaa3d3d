package org.transferable.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOriginTest {
    @Test
    void commit_outsideAGitCheckout_isEmpty(@TempDir Path dir) {
        assertThat(RunOrigin.commit(dir)).isEmpty();
    }

    @Test
    void commit_ofACheckout_isItsAbbreviatedHeadAndMarksChangedFiles(@TempDir Path dir) throws Exception {
        git(dir, "init", "-q");
        Files.writeString(dir.resolve("a.txt"), "one");
        git(dir, "add", "a.txt");
        git(dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "one");
        String head = git(dir, "rev-parse", "--short", "HEAD");

        assertThat(RunOrigin.commit(dir)).contains(head);
        Files.writeString(dir.resolve("a.txt"), "two");
        assertThat(RunOrigin.commit(dir)).contains(head + "+changes");
    }

    @Test
    void describe_namesBackendMachineDateAndCommit() {
        assertThat(RunOrigin.describe("djl")).startsWith("djl on ").contains(" processors, ").contains("; commit ")
                .containsPattern("; \\d{4}-\\d{2}-\\d{2}; ");
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out;
    }
}
