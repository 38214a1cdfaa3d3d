package org.transferable.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java snippet of the project's README compiles against the current API. */
class ReadmeSnippetTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = String.join("\n", "import java.nio.file.*;", "import java.util.*;",
            "import org.transferable.data.*;", "import org.transferable.dl4j.Dl4jImport;",
            "import org.transferable.examples.*;",
            "import org.transferable.generality.Generality;", "import org.transferable.imports.TorchImport;",
            "import org.transferable.similarity.*;",
            "import org.transferable.network.*;", "import org.transferable.plan.*;",
            "import org.transferable.policy.*;", "import org.transferable.spec.*;",
            "import org.transferable.study.*;", "import org.transferable.train.*;",
            "import org.transferable.transfer.*;", "import org.transferable.spark.*;",
            "import org.apache.spark.api.java.JavaSparkContext;");

    static List<String> snippets(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void snippets_ofTheReadme_compile(@TempDir Path classes) throws IOException {
        List<String> snippets = snippets(Files.readString(README));
        assertThat(snippets).as("java blocks in %s", README.toAbsolutePath()).isNotEmpty();

        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            String name = "Snippet" + i;
            String code = IMPORTS + "\nclass " + name + " {\n    static void run() throws Exception {\n"
                    + snippets.get(i) + "\n    }\n}\n";
            URI uri = URI.create("string:///" + name + ".java");
            sources.add(new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return code;
                }
            });
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            boolean ok = compiler.getTask(null, files, diagnostics, List.of("-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path"), "-proc:none"), null, sources).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null)).toList();
            assertThat(errors).isEmpty();
            assertThat(ok).isTrue();
        }
    }

    @Test
    void snippets_findsEveryJavaBlock() {
        String markdown = "text\n```java\nint a = 1;\n```\n```bash\nls\n```\n```java\nint b = 2;\n```\n";

        assertThat(snippets(markdown)).containsExactly("int a = 1;\n", "int b = 2;\n");
    }
}
