package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

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

    /** What picocli reads into a StartCommand from these arguments (args[0] is "start"). */
    private static StartCommand picocliStart(String... args) {
        CommandLine cl = HookMain.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        return (StartCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static List<Object> fields(StartCommand c) {
        return java.util.Arrays.asList(c.registry, c.region, c.prefix, c.rules, c.daemonConfig, c.dockerPidFile,
                c.containerdCertsDir, c.buildkitdConfig, c.dockerConfig, c.githubEnv, c.listen, c.stateDir,
                c.tokenDeadline, c.strict);
    }

    @Test
    void startArgs_readTheSameFieldsAsPicocli() {
        String[][] cases = {
            {"start", "--registry", "123456789012.dkr.ecr.us-east-1.amazonaws.com", "--strict"},
            {"start", "--registry=http://127.0.0.1:5000", "--region", "eu-west-1", "--docker-hub-prefix", "ROOT",
                "--rules", "r.json", "--daemon-config", "none", "--docker-pid-file=/run/docker.pid",
                "--containerd-certs-dir", "/etc/containerd/certs.d", "--buildkitd-config", "b.toml",
                "--docker-config", "/home/runner/.docker", "--github-env", "", "--listen", "127.0.0.1:0",
                "--state-dir", "/run/p", "--token-deadline", "90"},
            {"start"},
        };
        for (String[] args : cases) {
            assertThat(StartArgs.parse(args)).as(String.join(" ", args)).isPresent();
            assertThat(fields(StartArgs.parse(args).get())).as(String.join(" ", args))
                    .isEqualTo(fields(picocliStart(args)));
        }
    }

    @Test
    void startArgs_leaveEverythingButThePlainFormsToPicocli() {
        String[][] cases = {
            {"start", "--help"}, {"start", "-h"}, {"start", "--version"}, {"start", "--stacktrace"},
            {"start", "--no-such-flag"}, {"start", "--registry"}, {"start", "--registry", "a", "--registry", "b"},
            {"start", "--registry", "--strict"}, {"start", "--token-deadline", "ten"},
            {"start", "--token-deadline", "-1"}, {"start", "--strict=true"}, {"start", "extra"}, {"start", "--", "x"},
            {"stop"}, {"status"}, {},
        };
        for (String[] args : cases) {
            assertThat(StartArgs.parse(args)).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void startArgs_knowEveryFlagPicocliDeclares() {
        Set<String> declared = new HashSet<>();
        for (OptionSpec o : HookMain.commandLine().getSubcommands().get("start").getCommandSpec().options()) {
            declared.add(o.longestName());
        }
        declared.removeAll(Set.of("--help", "--version", ShortErrorHandler.STACKTRACE));
        Set<String> fast = new HashSet<>(StartArgs.VALUE_FLAGS);
        fast.add(StartArgs.STRICT);
        assertThat(fast).isEqualTo(declared);
    }

    @Test
    void run_plainStart_sameExitCodesAsPicocli() {
        assertThat(HookMain.run(new String[] {"start", "--registry", "http://10.0.0.1:5000", "--state-dir",
            "target/tmp/x"})).isZero();
        assertThat(HookMain.run(new String[] {"start", "--registry=http://10.0.0.1:5000", "--state-dir=target/tmp/x",
            "--strict"})).isEqualTo(1);
        assertThat(HookMain.run(new String[] {"start", "--no-such-flag"})).isEqualTo(2);
    }
}
