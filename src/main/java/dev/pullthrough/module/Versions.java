package dev.pullthrough.module;

import dev.pullthrough.cdktf.aws.AwsProvider;

/**
 * The {@code terraform} block every module shares. No provider or backend block: a module with its own provider
 * configuration can not be used with {@code count}/{@code for_each}, and the caller owns state.
 */
final class Versions {
    /**
     * 1.9: a variable's validation may read locals (the shared patterns and tables of {@link RuleConstants}); before,
     * only the variable itself. {@code optional()} defaults, {@code check} blocks and mock providers are older.
     */
    static final String TERRAFORM = ">= 1.9";
    /**
     * The cdktf constructs' constraint, so both products ask for the same provider: 5.93 added
     * {@code custom_role_arn}, {@code upstream_repository_prefix} and ROOT prefixes to
     * {@code aws_ecr_pull_through_cache_rule}; creation templates are older. A compile-time constant, so reading it
     * loads no cdktf class. The local mirror holds 5.100.0, whose schema the modules are validated against.
     */
    static final String AWS_PROVIDER = AwsProvider.VERSION_CONSTRAINT;

    private Versions() {
    }

    static TerraformFile file() {
        Block requiredProviders = Block.of("required_providers")
                .attr("aws", Expression.object()
                        .put("source", AwsProvider.SOURCE)
                        .put("version", AWS_PROVIDER)
                        .build())
                .build();
        return new TerraformFile("versions", java.util.List.of(Block.of("terraform")
                .attr("required_version", TERRAFORM)
                .block(requiredProviders)
                .build()));
    }
}
