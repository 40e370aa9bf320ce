package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The hook jar handles failures like the CLI: one line on stderr, --stacktrace for the trace, one exit-code table. */
class ShortErrorHandlerTest {
    @Command(name = "bug")
    static final class Bug implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("cannot happen");
        }
    }

    @Command(name = "bad-input")
    static final class BadInput implements Callable<Integer> {
        @Override
        public Integer call() throws HookException {
            throw new InvalidHookSettingException("--registry", "x y", "not a host or URL");
        }
    }

    private record Run(int exitCode, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = HookMain.commandLine();
        cl.addSubcommand(new Bug());
        cl.addSubcommand(new BadInput());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cl.execute(args), err.toString());
    }

    @Test
    void hookJar_unexpectedException_oneLineInternalErrorExit70() {
        Run run = run("bug");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR).isNotEqualTo(ExitCodes.MIRROR_DOWN);
        assertThat(run.err()).isEqualTo("bug: internal error: cannot happen  (--stacktrace for details)"
                + System.lineSeparator());
    }

    @Test
    void hookJar_badInput_oneLineExit2() {
        Run run = run("bad-input");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
        assertThat(run.err()).startsWith("bad-input: --registry = \"x y\": not a host or URL").doesNotContain("\tat ");
    }

    @Test
    void hookJar_stacktraceFlagOnTheSubcommand_printsTheTrace() {
        Run run = run("bug", "--stacktrace");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(run.err()).contains("java.lang.IllegalStateException: cannot happen").contains("\tat ");
    }

    @Test
    void hookJar_statusWithStacktraceFlag_isAcceptedAndMirrorDownIsThree(@TempDir Path stateDir) {
        Run run = run("status", "--stacktrace", "--state-dir", stateDir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.MIRROR_DOWN);
    }
}
