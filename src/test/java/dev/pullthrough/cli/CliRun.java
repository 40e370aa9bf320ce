package dev.pullthrough.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine;

/** One in-process CLI run: exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        return withStdin(new byte[0], args);
    }

    /** A run whose standard input holds {@code stdin} (for FILE arguments given as {@code -}). */
    static synchronized CliRun withStdin(byte[] stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            return execute(args);
        } finally {
            System.setIn(saved);
        }
    }

    private static CliRun execute(String... args) {
        CommandLine cmd = PullthroughCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static String fixture(String name) {
        Path p = Paths.get("src/test/resources/rules", name);
        return p.toString();
    }
}
