package dev.pullthrough.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullthrough.iam.EcrActions;
import dev.pullthrough.iam.RunnerPolicy;
import dev.pullthrough.model.RunnerEnvironment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The "Contract: generated modules" table of docs/ARCHITECTURE.md is a public contract: module names, key inputs and
 * outputs. These checks are instant, so a rename fails here before any terraform run.
 */
class ModuleContractTest {

    private static Map<String, ModuleDefinition> modules() {
        return Modules.all().stream().collect(Collectors.toMap(ModuleDefinition::name, m -> m));
    }

    static List<Arguments> contract() {
        return List.of(
                Arguments.of("ecr-pull-through-cache", List.of("rules"),
                        List.of("registry_host", "ecr_pull_through_cache_rules")),
                Arguments.of("ecr-pull-through-access", List.of("ecr_pull_through_cache_rules", "role_names"),
                        List.of("policy_json", "policy_arn")),
                Arguments.of("runner-ecr-pull-through", List.of("ecr_pull_through_cache_rules"),
                        List.of("runner_environment", "docker_hub_mirror", "registry_host", "policy_json", "runner_extras",
                                "hook_rules_json")),
                Arguments.of("ecr-private-endpoints", List.of("vpc_id", "subnet_ids", "route_table_ids"),
                        List.of("ecr_api_endpoint_id", "ecr_dkr_endpoint_id", "s3_endpoint_id", "endpoint_ids")));
    }

    @Test
    void all_exactlyTheFourModulesOfTheContract() {
        assertThat(modules().keySet()).containsExactlyInAnyOrder(
                "ecr-pull-through-cache", "ecr-pull-through-access", "runner-ecr-pull-through", "ecr-private-endpoints");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contract")
    void module_hasTheContractsInputsAndOutputs(String name, List<String> inputs, List<String> outputs) {
        ModuleDefinition m = modules().get(name);

        assertThat(m.variables().stream().map(Variable::name)).containsAll(inputs);
        assertThat(m.outputs().stream().map(Output::name)).containsAll(outputs);
    }

    @Test
    void modulesDerivingHostsOrArns_takeOptionalAccountRegionAndPartition() {
        for (String name : List.of("ecr-pull-through-cache", "ecr-pull-through-access", "runner-ecr-pull-through")) {
            ModuleDefinition m = modules().get(name);
            for (String coordinate : List.of("account_id", "region", "partition")) {
                Variable v = m.variable(coordinate);
                assertThat(v.required()).as("%s.%s is optional", name, coordinate).isFalse();
                assertThat(HclRenderer.inline(v.defaultValue())).isEqualTo("null");
            }
        }
    }

    @Test
    void cacheModule_sharesOptionallyAndTellsSpokesWhereItIs() {
        ModuleDefinition cache = modules().get("ecr-pull-through-cache");

        assertThat(HclRenderer.inline(cache.variable("share_with").defaultValue())).isEqualTo("null");
        assertThat(cache.outputs().stream().map(Output::name)).contains("registry_account_id", "registry_region",
                "registry_policy_json", "shared_repository_policy_json");
    }

    @Test
    void runnerModules_takeOptionalHubRegistryAccountAndRegion() {
        for (String name : List.of("ecr-pull-through-access", "runner-ecr-pull-through")) {
            for (String input : List.of("registry_account_id", "registry_region")) {
                Variable v = modules().get(name).variable(input);
                assertThat(HclRenderer.inline(v.defaultValue())).as("%s.%s", name, input).isEqualTo("null");
                assertThat(v.validations()).hasSize(1);
            }
        }
    }

    @Test
    void rulesVariables_haveTheSameValidationsWhereTheShapeAllows() {
        List<String> cache = modules().get("ecr-pull-through-cache").variable("rules").validations().stream()
                .map(Validation::summary).toList();
        List<String> runner = modules().get("runner-ecr-pull-through").variable("ecr_pull_through_cache_rules")
                .validations().stream().map(Validation::summary).toList();

        assertThat(cache).as("the cache module adds the credential and custom role rules").containsAll(runner);
        assertThat(cache.size() - runner.size()).isEqualTo(2);
    }

    @Test
    void policy_grantsExactlyRunnerPolicysStatementsAndActions() {
        String main = HclRenderer.render(modules().get("ecr-pull-through-access").mainFile());

        assertThat(main).contains(RunnerPolicy.SID_AUTH, RunnerPolicy.SID_PULL, RunnerPolicy.SID_IMPORT,
                EcrActions.GET_AUTHORIZATION_TOKEN);
        EcrActions.PULL.forEach(action -> assertThat(main).contains("\"" + action + "\""));
        EcrActions.IMPORT.forEach(action -> assertThat(main).contains("\"" + action + "\""));
        assertThat(main).doesNotContain("ecr:*").doesNotContain("CreatePullThroughCacheRule");
    }

    @Test
    void runnerEnvironment_usesRunsOnsVariableNames() {
        String main = HclRenderer.render(modules().get("runner-ecr-pull-through").mainFile());

        assertThat(main).contains(RunnerEnvironment.CACHE + " =", RunnerEnvironment.DOCKER_HUB_MIRROR + " =",
                RunnerEnvironment.DOCKER_HUB_PREFIX + " =");
    }

    @Test
    void cacheTests_oneRejectingRunPerInvalidCaseAndShapeError() {
        List<String> rejecting = modules().get("ecr-pull-through-cache").tests().stream()
                .flatMap(t -> t.blocks().stream())
                .filter(b -> b.type().equals("run") && b.labels().get(0).startsWith("rejects_"))
                .filter(b -> b.body().stream().anyMatch(i -> i instanceof Attribute a && a.name().equals("expect_failures")
                        && HclRenderer.inline(a.value()).equals("[var.rules]")))
                .map(b -> b.labels().get(0))
                .toList();

        List<String> expected = new java.util.ArrayList<>(
                RuleCases.invalid().stream().map(c -> "rejects_" + c.name()).toList());
        expected.addAll(List.of("rejects_misspelt_attribute", "rejects_number_as_prefix"));
        assertThat(rejecting).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyVariableAndOutput_isDescribed() {
        for (ModuleDefinition m : Modules.all()) {
            m.variables().forEach(v -> assertThat(v.description()).as("%s.%s", m.name(), v.name()).hasSizeGreaterThan(15));
            m.outputs().forEach(o -> assertThat(o.description()).as("%s.%s", m.name(), o.name()).hasSizeGreaterThan(15));
        }
    }
}
