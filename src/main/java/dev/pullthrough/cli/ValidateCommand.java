package dev.pullthrough.cli;

import dev.pullthrough.hook.RulesFile;
import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.hook.ExitCodes;
import dev.pullthrough.model.Partition;
import dev.pullthrough.model.Problem;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RegistryLocation;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a rules file (the ecr_pull_through_cache_rules map, as JSON) against every AWS constraint.",
            "Problems go to stderr, one line each. Exit 0 valid, 1 invalid, 2 unreadable or not that shape."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "JSON map of rule key -> {ecr_repository_prefix, upstream_registry_url,"
            + " upstream_repository_prefix, credential_arn, custom_role_arn}; - for standard input")
    Path file;

    @Option(names = "--existing", description = "Check the rules as references to rules that already exist"
            + " (credentials not required), as the runner side does. Default: check that AWS would create them.")
    boolean existing;

    @Option(names = "--account-id", description = "12-digit account id of the registry the rules are for; with it, a"
            + " credential_arn in another account is refused (AWS requires the secret in the rule's own account)")
    String accountId;

    @Option(names = "--region", description = "region of the registry, e.g. us-east-1; with it, a credential_arn in"
            + " another region is refused (AWS requires the secret in the rule's own region)")
    String region;

    @Option(names = "--partition", description = "aws or aws-cn (default: from --region)")
    String partition;

    @Override
    public Integer call() throws RulesFileException {
        // The location first, checked as the modules and constructs check theirs: a bad flag is unusable input (2).
        RegistryLocation location = RegistryCoordinates.checkKnown(blankToNull(accountId), blankToNull(region),
                partition == null ? null : Partition.fromId(partition));
        RuleSet rules = RulesFile.read(file);
        ValidationReport report = rules.validate(existing ? ValidationMode.EXISTING : ValidationMode.CREATE, location);
        PrintWriter err = spec.commandLine().getErr();
        for (Problem p : report.errors()) {
            err.println("error: " + p.message());
        }
        for (Problem p : report.warnings()) {
            err.println("warning: " + p.message());
        }
        if (report.isValid()) {
            spec.commandLine().getOut().println("valid: " + rules.rules().size() + " rule(s) in " + file);
            return ExitCodes.OK;
        }
        return ExitCodes.INVALID;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
