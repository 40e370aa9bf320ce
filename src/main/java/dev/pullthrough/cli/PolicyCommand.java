package dev.pullthrough.cli;

import dev.pullthrough.hook.RulesFile;
import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.hook.ExitCodes;
import dev.pullthrough.iam.PolicyDocument;
import dev.pullthrough.iam.RunnerPolicy;
import dev.pullthrough.model.Partition;
import dev.pullthrough.model.Problem;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Prints the least-privilege runner IAM policy (EcrPullThroughCacheAccess) for a rules file.",
            "Warnings (ROOT breadth) go to stderr. Exit 1 when the rules are invalid, 2 when unusable."})
final class PolicyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "JSON rules file, as for 'validate'; - for standard input")
    Path file;

    @Option(names = "--account-id", description = "12-digit account id of the cache registry (the runners' own "
            + "account when the cache is theirs); required unless --registry-account-id is given")
    String accountId;

    @Option(names = "--region", description = "region of the cache registry, e.g. us-east-1; required unless "
            + "--registry-region is given")
    String region;

    @Option(names = "--registry-account-id", description = "account id of a hub registry shared with the runners' "
            + "account (its cache is shared with them); the policy then names the hub's repositories")
    String registryAccountId;

    @Option(names = "--registry-region", description = "region of that hub registry (default: --region)")
    String registryRegion;

    @Option(names = "--partition", description = "aws (default: from the region)")
    String partition;

    @Override
    public Integer call() throws RulesFileException {
        // Named as the modules and constructs name these inputs, so all three say the same about a bad value.
        RegistryCoordinates.checkHubRegistry(registryAccountId, registryRegion);
        String account = registryAccountId != null ? registryAccountId : accountId;
        String where = registryRegion != null ? registryRegion : region;
        if (account == null || where == null) {
            throw new ParameterException(spec.commandLine(), "Missing the cache registry's "
                    + (account == null ? "account (--account-id or --registry-account-id)"
                            : "region (--region or --registry-region)") + ".");
        }
        RegistryCoordinates coordinates = partition == null
                ? RegistryCoordinates.of(account, where)
                : RegistryCoordinates.of(account, where, Partition.fromId(partition));
        RuleSet rules = RulesFile.read(file);
        ValidationReport report = rules.validate(ValidationMode.EXISTING);
        if (!report.isValid()) {
            report.errors().forEach(p -> spec.commandLine().getErr().println("error: " + p.message()));
            return ExitCodes.INVALID;
        }
        PolicyDocument policy = RunnerPolicy.from(rules, coordinates.arnScope());
        for (Problem w : report.warnings()) {
            spec.commandLine().getErr().println("warning: " + w.message());
        }
        spec.commandLine().getOut().println(policy.toJson());
        return ExitCodes.OK;
    }
}
