package dev.pullthrough.parity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.cli.PullthroughCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** {@code pullthrough validate}'s decision: exit code 0, or the problems it prints on stderr. */
final class CliFace {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_HINT = "  (--stacktrace for details)";

    private CliFace() {
    }

    static Decision decide(ParityCase c, Path dir) throws IOException {
        if (c.aboutHubRegistry() && c.roleNames().isEmpty()) {
            return run(c, dir, "policy");
        }
        if (c.aboutRunnerAccess()) {
            return Decision.notExpressible("validate takes no role names (the runner-access input)");
        }
        if (!c.settings().isEmpty()) {
            return Decision.notExpressible("validate takes no cache settings (" + String.join(", ", c.settings().keySet()) + ")");
        }
        return run(c, dir, "validate");
    }

    /** {@code validate}, or {@code policy} for a hub registry's location (the only command that takes one). */
    private static Decision run(ParityCase c, Path dir, String command) throws IOException {
        Path file = dir.resolve(c.name() + ".json");
        Files.writeString(file, JSON.writeValueAsString(c.rules()));
        List<String> args = new ArrayList<>(List.of(command, file.toString()));
        addFlag(args, "--account-id", c.accountId());
        addFlag(args, "--region", c.region());
        addFlag(args, "--partition", c.partition());
        addFlag(args, "--registry-account-id", c.registryAccountId());
        addFlag(args, "--registry-region", c.registryRegion());

        CommandLine cmd = PullthroughCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args.toArray(String[]::new));
        if (exit == 0) {
            return Decision.accepted("exit 0");
        }
        List<String> messages = new ArrayList<>();
        for (String line : err.toString().split("\n")) {
            if (line.startsWith("error: ")) {
                messages.add(line.substring("error: ".length()));
            } else if (line.startsWith(command + ": ")) {
                messages.add(line.substring(command.length() + 2).replace(TRACE_HINT, ""));
            }
        }
        return Decision.refused(messages, "exit " + exit);
    }

    private static void addFlag(List<String> args, String flag, String value) {
        if (value != null) {
            args.add(flag);
            args.add(value);
        }
    }
}
