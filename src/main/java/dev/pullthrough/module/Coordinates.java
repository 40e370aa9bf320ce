package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;
import static dev.pullthrough.module.Expression.string;
import static dev.pullthrough.module.Expression.template;

import dev.pullthrough.model.Partition;
import dev.pullthrough.model.RegistryCoordinates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The optional {@code account_id}, {@code region} and {@code partition} inputs of a module, the data sources that look
 * them up only when they are null ({@code count} on each), and the locals that pick one or the other. A plan with
 * all three given makes no AWS call.
 */
final class Coordinates {
    /** The inputs that name a hub registry in another account (a cache shared with this one). */
    static final String REGISTRY_ACCOUNT_ID = RegistryCoordinates.HUB_ACCOUNT_ID;
    static final String REGISTRY_REGION = RegistryCoordinates.HUB_REGION;

    private final boolean account;
    private final boolean hubRegistry;

    /** @param account whether the module needs the account id (registry hosts and ARNs do; endpoints do not) */
    Coordinates(boolean account) {
        this(account, false);
    }

    /**
     * @param hubRegistry whether the registry may be a hub elsewhere ({@value #REGISTRY_ACCOUNT_ID} and
     *     {@value #REGISTRY_REGION}, which take precedence over {@code account_id} and {@code region})
     */
    private Coordinates(boolean account, boolean hubRegistry) {
        this.account = account;
        this.hubRegistry = hubRegistry;
    }

    /** For the runner-side modules: the registry may be a hub registry in another account or region. */
    static Coordinates ofRunners() {
        return new Coordinates(true, true);
    }

    /** An optional account id input, with the model's message (InvalidCoordinatesException's form). */
    private static Variable accountId(String name, String description) {
        return Variable.builder(name, TypeConstraint.STRING)
                .description(description)
                .defaultValue(Expression.nullValue())
                .validation(new Validation(
                        Expression.raw("var." + name + " == null || can(regex(%s, var." + name + "))",
                                string("^" + RegistryCoordinates.ACCOUNT_ID_PATTERN + "$")),
                        template(name + " ${jsonencode(var." + name + ")}: " + RegistryCoordinates.ACCOUNT_ID_PROBLEM + "."),
                        "12 digits, or null."))
                .build();
    }

    private Variable region(String name, String description) {
        return Variable.builder(name, TypeConstraint.STRING)
                .description(description)
                .defaultValue(Expression.nullValue())
                .validation(regionValidation(name))
                .build();
    }

    List<Variable> variables() {
        List<Variable> vars = new ArrayList<>();
        if (account) {
            vars.add(accountId("account_id",
                    "AWS account id of the registry. Null looks it up with the aws_caller_identity data source."));
        }
        vars.add(region("region",
                "AWS region of the registry, e.g. us-east-1. Null uses the provider's region (aws_region data source)."));
        List<String> allowed = ids();
        Expression message = template("partition ${jsonencode(var.partition)}: unknown partition; use one of "
                + String.join(", ", allowed) + ".");
        vars.add(Variable.builder("partition", TypeConstraint.STRING)
                .description("AWS partition (" + String.join(", ", allowed)
                        + "). Null uses the provider's partition (aws_partition data source).")
                .defaultValue(Expression.nullValue())
                .validation(new Validation(
                        Expression.raw("var.partition == null ? true : contains(%s, var.partition)", Expression.stringList(allowed)),
                        message,
                        "one of " + String.join(", ", allowed) + ", or null."))
                .build());
        if (hubRegistry) {
            vars.add(accountId(REGISTRY_ACCOUNT_ID, "Account id of a hub registry whose cache is shared with this account "
                    + "(share_with of ecr-pull-through-cache; its registry_account_id output). Takes precedence over account_id. "
                    + "Null: the registry is in account_id, or in the caller's account."));
            vars.add(region(REGISTRY_REGION, "Region of that hub registry (its registry_region output). Takes precedence over "
                    + "region. Null: region, or the provider's region."));
        }
        return vars;
    }

    /** A region name: the model's {@link RegistryCoordinates#checkRegion}. */
    private Validation regionValidation(String name) {
        String v = "var." + name;
        Expression wellFormed = Expression.raw("can(regex(%s, " + v + "))", string("^" + RegistryCoordinates.REGION_PATTERN + "$"));
        Expression isolated = Expression.raw("can(regex(%s, " + v + "))",
                string("^" + RegistryCoordinates.ISOLATED_REGION_PATTERN + "$"));
        Expression notARegion = template(name + " ${jsonencode(" + v + ")}: " + RegistryCoordinates.REGION_PROBLEM + ".");
        Expression isolatedRegion = template(name + " ${jsonencode(" + v + ")}: "
                + RegistryCoordinates.ISOLATED_REGION_PROBLEM + ".");
        return new Validation(Expression.raw(v + " == null || (%s && !%s)", wellFormed, isolated),
                Expression.raw("%s ? %s : %s", isolated, isolatedRegion, notARegion),
                "a region name such as us-east-1 (not of an isolated partition), or null.");
    }

    /**
     * The region given belongs to the partition given ({@link RegistryCoordinates#checkRegionInPartition}): a
     * precondition, written when the floor was Terraform 1.7, whose validations could not see a second variable
     * (1.9's can).
     */
    static Validation regionInPartition() {
        String of = partitionOf("var.region");
        return new Validation(ref("var.region == null || var.partition == null ? true : " + of + " == var.partition"),
                Expression.raw("var.region == null || var.partition == null ? \"\" : %s",
                        template("region ${jsonencode(var.region)}: belongs to partition ${" + of + "}, not ${coalesce(var.partition, \"-\")}.")),
                "the region is in the partition");
    }

    /**
     * {@link Partition#givenOrOfRegion} in HCL: {@code partition} when given, else that of {@code region}, else the
     * provider's ({@code local.partition}).
     */
    static String givenPartition() {
        return "(var.partition != null ? var.partition : var.region != null ? " + partitionOf("var.region")
                + " : local.partition)";
    }

    /** {@link Partition#ofRegion} in HCL: the partition a region's name puts it in (null-safe, "aws" for null). */
    static String partitionOf(String region) {
        StringBuilder of = new StringBuilder("(");
        for (Partition p : Partition.values()) {
            if (!p.regionPrefix().isEmpty()) {
                of.append("startswith(coalesce(").append(region).append(", \"-\"), \"").append(p.regionPrefix())
                        .append("\") ? \"").append(p.id()).append("\" : ");
            }
        }
        return of.append('"').append(Partition.AWS.id()).append("\")").toString();
    }

    /**
     * A hub registry ({@value #REGISTRY_REGION}) in the runners' partition: {@code partition} when given, else that
     * of {@code region}, as the constructs and the CLI decide, else the provider's
     * ({@link RegistryCoordinates#checkHubRegistry(String, String, Partition)}). A precondition, as
     * {@link #regionInPartition()}, since it reads other inputs and a data source.
     */
    static Validation hubRegionInPartition() {
        String region = "var." + REGISTRY_REGION;
        String of = partitionOf(region);
        String runners = givenPartition();
        return new Validation(ref(region + " == null ? true : " + of + " == " + runners),
                Expression.raw(region + " == null ? \"\" : %s", template(REGISTRY_REGION + " ${jsonencode(" + region + ")}: "
                        + RegistryCoordinates.hubInOtherPartition("${" + of + "}", "${" + runners + "}") + ".")),
                "a hub registry is in the runners' partition");
    }

    private static List<String> ids() {
        return Arrays.stream(Partition.values()).map(Partition::id).toList();
    }

    /** The data sources, each read only when its input is null. */
    List<Block> dataSources() {
        List<Block> blocks = new ArrayList<>();
        if (account) {
            blocks.add(Block.of("data", "aws_caller_identity", "current")
                    .attr("count", ref(missing("account_id", REGISTRY_ACCOUNT_ID) + " ? 1 : 0")).build());
        }
        blocks.add(Block.of("data", "aws_region", "current")
                .attr("count", ref(missing("region", REGISTRY_REGION) + " ? 1 : 0")).build());
        blocks.add(Block.of("data", "aws_partition", "current")
                .attr("count", ref("var.partition == null ? 1 : 0")).build());
        return blocks;
    }

    /** {@code account_id}, {@code region}, {@code partition} and {@code dns_suffix} locals. */
    List<Attribute> locals() {
        List<Attribute> locals = new ArrayList<>();
        if (account) {
            locals.add(new Attribute("account_id", ref(pick("account_id", REGISTRY_ACCOUNT_ID,
                    "data.aws_caller_identity.current[0].account_id"))));
        }
        locals.add(new Attribute("region", ref(pick("region", REGISTRY_REGION, "data.aws_region.current[0].name"))));
        locals.add(new Attribute("partition",
                ref("var.partition != null ? var.partition : data.aws_partition.current[0].partition")));
        locals.add(new Attribute("dns_suffix", Expression.raw(
                "var.partition != null ? %s[var.partition] : data.aws_partition.current[0].dns_suffix",
                partitionMap(false))));
        return locals;
    }

    /** Whether the value must be looked up: neither it (nor its hub input) is given. */
    private String missing(String own, String hub) {
        String ownMissing = "var." + own + " == null";
        return hubRegistry ? "var." + hub + " == null && " + ownMissing : ownMissing;
    }

    /** The hub input, else the own input, else the looked-up value. */
    private String pick(String own, String hub, String lookedUp) {
        String ownOrLookup = "var." + own + " != null ? var." + own + " : " + lookedUp;
        return hubRegistry ? "var." + hub + " != null ? var." + hub + " : " + ownOrLookup : ownOrLookup;
    }

    /** {@code com.amazonaws} (aws, aws-us-gov) or {@code cn.com.amazonaws} (aws-cn): VPC endpoint service names. */
    Attribute reverseDnsPrefixLocal() {
        return new Attribute("reverse_dns_prefix", Expression.raw(
                "var.partition != null ? %s[var.partition] : data.aws_partition.current[0].reverse_dns_prefix",
                partitionMap(true)));
    }

    /** {@code { aws = "amazonaws.com", aws-cn = "amazonaws.com.cn", ... }} from {@link Partition}. */
    private static Expression partitionMap(boolean reversed) {
        Expression.ObjectBuilder map = Expression.inlineObject();
        for (Partition p : Partition.values()) {
            map.put(p.id(), reversed ? reverse(p.dnsSuffix()) : p.dnsSuffix());
        }
        return map.build();
    }

    private static String reverse(String dnsName) {
        List<String> labels = new ArrayList<>(Arrays.asList(dnsName.split("\\.")));
        java.util.Collections.reverse(labels);
        return String.join(".", labels);
    }

    /** Values the test suites use so that plans need no lookup. */
    static Expression.Obj testVariables() {
        return Expression.object().put("account_id", "123456789012").put("region", "us-east-1").put("partition", "aws").build();
    }
}
