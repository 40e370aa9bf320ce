package dev.pullthrough.parity;

import dev.pullthrough.model.RuleSet;
import dev.pullthrough.module.RuleCase;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One input of the three-face parity table: rules (in the {@code rules} variable's shape), where the registry is,
 * cache settings under the module's input names, and runner role names; and what the model decides for it.
 *
 * @param location account_id, region, partition, and for the runner access a hub's registry_account_id and
 *     registry_region; a null value is not given (the faces then look it up, which needs no AWS call for region and
 *     partition)
 * @param settings cache-module inputs ({@code expire_after_days} ...); a key with a null value is an explicit null
 * @param roleNames runner role names, or null when the case is about the cache, not the runner access
 * @param accepted whether every face must accept the input
 * @param modelMessages the model's messages for a refused input, stated where fewer than two faces can express it
 *     (the module's share_with shape: the constructs take typed lists, validate takes no settings); else empty
 */
record ParityCase(String name, String about, Map<String, Map<String, String>> rules, Map<String, String> location,
        Map<String, Object> settings, List<String> roleNames, boolean accepted, List<String> modelMessages) {

    static final String REGISTRY_ACCOUNT_ID = "registry_account_id";
    static final String REGISTRY_REGION = "registry_region";

    ParityCase {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("case names key module blocks and file names: " + name);
        }
        rules = new RuleCase(name, about, rules, true).rules();
        location = Collections.unmodifiableMap(new LinkedHashMap<>(location));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        roleNames = roleNames == null ? null : List.copyOf(roleNames);
        modelMessages = List.copyOf(modelMessages);
    }

    ParityCase(String name, String about, Map<String, Map<String, String>> rules, Map<String, String> location,
            Map<String, Object> settings, List<String> roleNames, boolean accepted) {
        this(name, about, rules, location, settings, roleNames, accepted, List.of());
    }

    RuleSet ruleSet() {
        return new RuleCase(name, about, rules, true).ruleSet();
    }

    String accountId() {
        return location.get("account_id");
    }

    String region() {
        return location.get("region");
    }

    String partition() {
        return location.get("partition");
    }

    String registryAccountId() {
        return location.get(REGISTRY_ACCOUNT_ID);
    }

    String registryRegion() {
        return location.get(REGISTRY_REGION);
    }

    /** Whether the case points the runner side at a hub registry (which {@code pullthrough policy} can express). */
    boolean aboutHubRegistry() {
        return registryAccountId() != null || registryRegion() != null;
    }

    boolean aboutRunnerAccess() {
        return roleNames != null;
    }
}
