package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;

import java.util.List;
import java.util.Map;

/** Building blocks of {@code terraform test} files: mock providers, runs, asserts. */
final class TestBlocks {
    private TestBlocks() {
    }

    /**
     * {@code mock_provider "aws"} with realistic values for the data sources the modules read: mocked data sources
     * otherwise return random strings, which the provider then rejects (a policy document that is not JSON).
     */
    static Block mockProvider(String alias, Map<String, Expression.Obj> mockData) {
        return mockProvider(alias, mockData, Map.of());
    }

    /** Also {@code mock_resource} defaults, for computed attributes the provider validates (ARNs). */
    static Block mockProvider(String alias, Map<String, Expression.Obj> mockData, Map<String, Expression.Obj> mockResources) {
        Block.Builder b = Block.of("mock_provider", "aws");
        if (alias != null) {
            b.attr("alias", alias);
        }
        new java.util.TreeMap<>(mockResources).forEach((resource, defaults) -> b.block(Block.of("mock_resource", resource)
                .attr("defaults", defaults).build()));
        mockData.forEach((dataSource, defaults) -> b.block(Block.of("mock_data", dataSource)
                .attr("defaults", defaults).build()));
        return b.build();
    }

    /**
     * The real AWS provider, configured to plan offline: data sources that compute locally
     * ({@code aws_iam_policy_document}) give their real output, and no credentials or account lookups are needed.
     */
    static Block offlineProvider() {
        return Block.of("provider", "aws")
                .attr("region", "us-east-1")
                .attr("access_key", "offline-test")
                .attr("secret_key", "offline-test")
                .attr("skip_credentials_validation", Expression.bool(true))
                .attr("skip_requesting_account_id", Expression.bool(true))
                .attr("skip_metadata_api_check", Expression.bool(true))
                .attr("skip_region_validation", Expression.bool(true))
                .build();
    }

    static Block variables(Expression.Obj values) {
        Block.Builder b = Block.of("variables");
        values.entries().forEach(b::attr);
        return b.build();
    }

    static Run run(String name) {
        return new Run(name);
    }

    static Block check(String condition, String message) {
        return Block.of("assert").attr("condition", ref(condition)).attr("error_message", message).build();
    }

    static Block check(Expression condition, String message) {
        return Block.of("assert").attr("condition", condition).attr("error_message", message).build();
    }

    /** A {@code run} block under construction. */
    static final class Run {
        private final Block.Builder block;
        private boolean first = true;

        private Run(String name) {
            this.block = Block.of("run", name);
        }

        Run command(String command) {
            block.attr("command", ref(command));
            return this;
        }

        Run providers(String mapping) {
            block.attr("providers", ref(mapping));
            return this;
        }

        Run comment(String text) {
            block.comment(text);
            return this;
        }

        Run variables(Expression.Obj values) {
            block.block(TestBlocks.variables(values));
            return this;
        }

        Run expectFailures(String... addresses) {
            block.attr("expect_failures", Expression.tuple(java.util.Arrays.stream(addresses).map(Expression::ref).toList()));
            return this;
        }

        Run asserting(String condition, String message) {
            block.block(check(condition, message));
            return this;
        }

        Run asserting(Expression condition, String message) {
            block.block(check(condition, message));
            return this;
        }

        Block build() {
            return block.build();
        }
    }

    static List<Block> list(Block... blocks) {
        return List.of(blocks);
    }
}
