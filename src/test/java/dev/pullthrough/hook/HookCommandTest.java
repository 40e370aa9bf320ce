package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HookCommandTest {
    private static int run(StringWriter err, String... args) {
        CommandLine cl = HookMain.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void execute_unknownFlag_usageError2() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "start", "--no-such-flag")).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-flag");
    }

    @Test
    void execute_noSubcommand_usageError2() {
        assertThat(run(new StringWriter())).isEqualTo(2);
    }

    @Test
    void usage_listsTheDocumentedFlagsAndHidesProxy() {
        String usage = HookMain.commandLine().getSubcommands().get("start").getUsageMessage();
        for (String flag : new String[] {"--registry", "--region", "--docker-hub-prefix", "--daemon-config",
                "--docker-pid-file", "--containerd-certs-dir", "--buildkitd-config", "--docker-config", "--github-env",
                "--listen", "--state-dir", "--strict"}) {
            assertThat(usage).contains(flag);
        }
        assertThat(HookMain.commandLine().getUsageMessage()).contains("start").contains("stop").contains("status")
                .doesNotContain("proxy ");
    }

    @Test
    void start_notLinux_doesNothingExit0() {
        String os = System.getProperty("os.name");
        try {
            System.setProperty("os.name", "Windows Server 2022");
            assertThat(run(new StringWriter(), "start", "--strict", "--registry", "no such host!")).isZero();
        } finally {
            System.setProperty("os.name", os);
        }
    }

    @Test
    void start_invalidRegistryWithoutStrict_exit0_withStrict_exit1() {
        assertThat(run(new StringWriter(), "start", "--registry", "http://10.0.0.1:5000", "--state-dir", "target/tmp/x"))
                .isZero();
        assertThat(run(new StringWriter(), "start", "--registry", "http://10.0.0.1:5000", "--state-dir", "target/tmp/x",
                "--strict")).isEqualTo(1);
    }
}
