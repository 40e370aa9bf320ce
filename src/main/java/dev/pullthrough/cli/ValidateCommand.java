package dev.pullthrough.cli;

import dev.pullthrough.hook.ExitCodes;
import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RegistryLocation;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a rules file (the ecr_pull_through_cache_rules map, as JSON) against every AWS constraint.",
            "With --account-id or --region, a credential_arn in another account or region is refused (AWS requires the"
                + " secret in the rule's own account and region).",
            "Problems go to stderr, one line each. Exit 0 valid, 1 invalid, 2 unreadable or not that shape."})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    RulesInput input;

    @Option(names = "--existing", description = "Check the rules as references to rules that already exist"
            + " (credentials not required), as the runner side does. Default: check that AWS would create them.")
    boolean existing;

    @Override
    public Integer call() throws RulesFileException {
        // The location first, checked as the modules and constructs check theirs: a bad flag is unusable input (2).
        RegistryLocation location = RegistryCoordinates.checkKnown(blankToNull(input.accountId), blankToNull(input.region),
                input.partitionOrNull());
        RuleSet rules = input.rules();
        ValidationReport report = rules.validate(existing ? ValidationMode.EXISTING : ValidationMode.CREATE, location);
        input.printErrors(report);
        input.printWarnings(report);
        if (report.isValid()) {
            input.out().println("valid: " + rules.rules().size() + " rule(s) in " + input.file);
            return ExitCodes.OK;
        }
        return ExitCodes.INVALID;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
