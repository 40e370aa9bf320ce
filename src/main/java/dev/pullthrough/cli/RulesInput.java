package dev.pullthrough.cli;

import dev.pullthrough.hook.RulesFile;
import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.model.Partition;
import dev.pullthrough.model.Problem;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code validate} and {@code policy} both read (a picocli mixin): the rules file and the registry the rules are
 * for. Each command says in its own description what the registry options change for it.
 */
final class RulesInput {
    /** The command this is mixed into: its output streams. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(paramLabel = "FILE", description = "JSON map of rule key -> {ecr_repository_prefix, upstream_registry_url,"
            + " upstream_repository_prefix, credential_arn, custom_role_arn}; - for standard input")
    Path file;

    @Option(names = "--account-id", description = "12-digit account id of the registry the rules are for")
    String accountId;

    @Option(names = "--region", description = "region of that registry, e.g. us-east-1")
    String region;

    @Option(names = "--partition", description = "aws, aws-cn or aws-us-gov (default: from the region)")
    String partition;

    RuleSet rules() throws RulesFileException {
        return RulesFile.read(file);
    }

    /** The partition given, null when it is left to the region. */
    Partition partitionOrNull() {
        return partition == null ? null : Partition.fromId(partition);
    }

    /** {@code error: <message>} on stderr, a line per error. */
    void printErrors(ValidationReport report) {
        print("error", report.errors());
    }

    /** {@code warning: <message>} on stderr, a line per warning. */
    void printWarnings(ValidationReport report) {
        print("warning", report.warnings());
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    private void print(String label, Iterable<Problem> problems) {
        PrintWriter err = command.commandLine().getErr();
        for (Problem p : problems) {
            err.println(label + ": " + p.message());
        }
    }
}
