package dev.pullthrough.cli;

import dev.pullthrough.hook.ExitCodes;
import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.iam.PolicyDocument;
import dev.pullthrough.iam.RunnerPolicy;
import dev.pullthrough.model.Partition;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Prints the least-privilege runner IAM policy (EcrPullThroughCacheAccess) for a rules file.",
            "--account-id and --region name the cache registry (the runners' own account when the cache is theirs);"
                + " each is required unless --registry-account-id or --registry-region names a hub registry.",
            "Warnings (ROOT breadth) go to stderr. Exit 1 when the rules are invalid, 2 when unusable."})
final class PolicyCommand implements Callable<Integer> {
    @Mixin
    RulesInput input;

    @Option(names = "--registry-account-id", description = "account id of a hub registry shared with the runners' "
            + "account (its cache is shared with them); the policy then names the hub's repositories")
    String registryAccountId;

    @Option(names = "--registry-region", description = "region of that hub registry (default: --region)")
    String registryRegion;

    @Override
    public Integer call() throws RulesFileException {
        // Named as the modules and constructs name these inputs, so all three say the same about a bad value.
        RegistryCoordinates.checkHubRegistry(registryAccountId, registryRegion, runnersPartition());
        String account = registryAccountId != null ? registryAccountId : input.accountId;
        String where = registryRegion != null ? registryRegion : input.region;
        if (account == null || where == null) {
            throw new ParameterException(input.command.commandLine(), "Missing the cache registry's "
                    + (account == null ? "account (--account-id or --registry-account-id)"
                            : "region (--region or --registry-region)") + ".");
        }
        RegistryCoordinates coordinates = input.partitionOrNull() == null
                ? RegistryCoordinates.of(account, where)
                : RegistryCoordinates.of(account, where, input.partitionOrNull());
        RuleSet rules = input.rules();
        ValidationReport report = rules.validate(ValidationMode.EXISTING);
        if (!report.isValid()) {
            input.printErrors(report);
            return ExitCodes.INVALID;
        }
        PolicyDocument policy = RunnerPolicy.from(rules, coordinates.arnScope());
        input.printWarnings(report);
        input.out().println(policy.toJson());
        return ExitCodes.OK;
    }

    /** The runners' partition: --partition, else that of --region; null when neither is given. */
    private Partition runnersPartition() {
        return Partition.givenOrOfRegion(input.partitionOrNull(), input.region);
    }
}
