package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;
import static dev.pullthrough.module.Expression.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ecr-private-endpoints}: what runners in private subnets need to reach the cache without a NAT: the
 * {@code ecr.api} and {@code ecr.dkr} interface endpoints (private DNS, so the registry host resolves to them) and the
 * S3 gateway endpoint (ECR serves layers from S3).
 */
final class EcrPrivateEndpointsModule {
    static final String NAME = "ecr-private-endpoints";

    private EcrPrivateEndpointsModule() {
    }

    static ModuleDefinition definition() {
        Coordinates coordinates = new Coordinates(false);
        ModuleDefinition.Builder m = ModuleDefinition.builder(NAME)
                .summary("""
                        VPC endpoints that let runners in private subnets pull through the ECR cache without a NAT gateway:
                        `ecr.api` and `ecr.dkr` interface endpoints with private DNS (the registry host then resolves to
                        them), and the S3 gateway endpoint (ECR serves image layers from S3). Optionally a security group
                        that admits HTTPS from the VPC.""")
                .notes("""
                        Private DNS for interface endpoints needs `enable_dns_support` and `enable_dns_hostnames` on the
                        VPC. Service names come from the partition (`com.amazonaws.<region>.ecr.api`, and
                        `cn.com.amazonaws.<region>.ecr.api` in China), looked up only when `region`/`partition` are null.""");

        m.variable(Variable.builder("vpc_id", TypeConstraint.STRING)
                .description("VPC to create the endpoints in.")
                .validation(new Validation(ref("can(regex(\"^vpc-[0-9a-f]+$\", var.vpc_id))"),
                        Expression.template("vpc_id ${jsonencode(var.vpc_id)}: not a VPC id. Use the id of the runners' VPC, e.g. vpc-0123456789abcdef0."),
                        "a VPC id (vpc-...)."))
                .build());
        m.variable(Variable.builder("subnet_ids", TypeConstraint.list(TypeConstraint.STRING))
                .description("Subnets for the interface endpoints, at most one per availability zone (usually the runners' private subnets).")
                .defaultNonNull(Expression.tuple())
                .build());
        m.variable(Variable.builder("route_table_ids", TypeConstraint.list(TypeConstraint.STRING))
                .description("Route tables of the runners' subnets; the S3 gateway endpoint adds its route to each.")
                .defaultNonNull(Expression.tuple())
                .build());
        m.variable(toggle("create_ecr_api_endpoint", "Create the ecr.api interface endpoint (authentication and API calls)."));
        m.variable(toggle("create_ecr_dkr_endpoint", "Create the ecr.dkr interface endpoint (the registry host Docker pulls from)."));
        m.variable(toggle("create_s3_endpoint", "Create the S3 gateway endpoint (image layers are served from S3)."));
        m.variable(toggle("private_dns_enabled", "Resolve the public ECR host names to the interface endpoints inside the VPC."));
        m.variable(toggle("create_security_group", "Create a security group that admits HTTPS to the interface endpoints."));
        m.variable(Variable.builder("security_group_ids", TypeConstraint.list(TypeConstraint.STRING))
                .description("Security groups to attach to the interface endpoints, in addition to the one this module creates.")
                .defaultNonNull(Expression.tuple())
                .build());
        m.variable(Variable.builder("ingress_cidr_blocks", TypeConstraint.list(TypeConstraint.STRING))
                .description("CIDR blocks allowed to reach the interface endpoints on port 443. Null uses the VPC's primary CIDR block.")
                .defaultValue(Expression.nullValue())
                .validation(new Validation(
                        ref("var.ingress_cidr_blocks == null || alltrue([for c in coalesce(var.ingress_cidr_blocks, []) : can(cidrhost(c, 0))])"),
                        string("ingress_cidr_blocks: every entry must be an IPv4 CIDR block such as 10.0.0.0/16."),
                        "IPv4 CIDR blocks, or null."))
                .build());
        m.variable(Variable.builder("security_group_name_prefix", TypeConstraint.STRING)
                .description("Name prefix of the security group this module creates.")
                .defaultNonNull(string("ecr-endpoints-"))
                .build());
        m.variables(coordinates.variables());
        m.variable(Variable.builder("tags", TypeConstraint.map(TypeConstraint.STRING))
                .description("Tags for every resource the module creates.")
                .defaultNonNull(Expression.object().build())
                .build());

        m.resources(coordinates.dataSources());
        m.resource(Block.of("data", "aws_vpc", "this")
                .attr("count", ref("var.create_security_group && local.create_interface_endpoints && var.ingress_cidr_blocks == null ? 1 : 0"))
                .blank()
                .attr("id", ref("var.vpc_id"))
                .build());

        Block.Builder locals = Block.of("locals");
        coordinates.locals().stream()
                .filter(a -> a.name().equals("region"))
                .forEach(a -> locals.attr(a.name(), a.value()));
        Attribute reverse = coordinates.reverseDnsPrefixLocal();
        locals.attr(reverse.name(), reverse.value());
        locals.attr("interface_endpoints", Expression.forObject("service", "create",
                Expression.inlineObject()
                        .put("ecr.api", ref("var.create_ecr_api_endpoint"))
                        .put("ecr.dkr", ref("var.create_ecr_dkr_endpoint"))
                        .build(),
                ref("service"), Expression.template("${local.reverse_dns_prefix}.${local.region}.${service}"),
                ref("create")));
        locals.attr("create_interface_endpoints", ref("length(local.interface_endpoints) > 0"));
        locals.attr("ingress_cidr_blocks", ref(
                "var.ingress_cidr_blocks != null ? var.ingress_cidr_blocks : data.aws_vpc.this[*].cidr_block"));
        m.resource(locals.build());

        m.resource(Block.of("resource", "aws_security_group", "this")
                .attr("count", ref("var.create_security_group && local.create_interface_endpoints ? 1 : 0"))
                .blank()
                .attr("name_prefix", ref("var.security_group_name_prefix"))
                .attr("description", "HTTPS from the runners to the ECR interface endpoints")
                .attr("vpc_id", ref("var.vpc_id"))
                .attr("tags", ref("var.tags"))
                .block(Block.of("lifecycle").attr("create_before_destroy", Expression.bool(true)).build())
                .build());
        m.resource(Block.of("resource", "aws_security_group_rule", "https")
                .comment("One rule with a list of CIDR blocks: its count stays known when the VPC (and so its CIDR) is not yet.")
                .attr("count", ref("var.create_security_group && local.create_interface_endpoints ? 1 : 0"))
                .blank()
                .attr("security_group_id", ref("aws_security_group.this[0].id"))
                .attr("type", "ingress")
                .attr("description", "HTTPS to the ECR interface endpoints")
                .attr("protocol", "tcp")
                .attr("from_port", Expression.number(443))
                .attr("to_port", Expression.number(443))
                .attr("cidr_blocks", ref("local.ingress_cidr_blocks"))
                .build());

        m.resource(Block.of("resource", "aws_vpc_endpoint", "interface")
                .attr("for_each", ref("local.interface_endpoints"))
                .blank()
                .attr("vpc_id", ref("var.vpc_id"))
                .attr("service_name", ref("each.value"))
                .attr("vpc_endpoint_type", "Interface")
                .attr("subnet_ids", ref("var.subnet_ids"))
                .attr("security_group_ids", ref("concat(aws_security_group.this[*].id, var.security_group_ids)"))
                .attr("private_dns_enabled", ref("var.private_dns_enabled"))
                .attr("tags", Expression.raw("merge(var.tags, %s)",
                        Expression.inlineObject().put("Name", ref("each.key")).build()))
                .block(Block.of("lifecycle")
                        .block(new Validation(ref("length(var.subnet_ids) > 0"),
                                string("subnet_ids is empty: interface endpoints need at least one subnet. Set subnet_ids to the runners' private subnets, or set create_ecr_api_endpoint and create_ecr_dkr_endpoint to false."),
                                "interface endpoints need subnets").toBlock("precondition"))
                        .build())
                .build());
        m.resource(Block.of("resource", "aws_vpc_endpoint", "s3")
                .attr("count", ref("var.create_s3_endpoint ? 1 : 0"))
                .blank()
                .attr("vpc_id", ref("var.vpc_id"))
                .attr("service_name", Expression.template("${local.reverse_dns_prefix}.${local.region}.s3"))
                .attr("vpc_endpoint_type", "Gateway")
                .attr("route_table_ids", ref("var.route_table_ids"))
                .attr("tags", Expression.raw("merge(var.tags, %s)",
                        Expression.inlineObject().put("Name", "s3").build()))
                .build());
        m.check(new Check("s3_endpoint_routes", List.of(new Validation(
                ref("!var.create_s3_endpoint || length(var.route_table_ids) > 0"),
                string("route_table_ids is empty: the S3 gateway endpoint adds no route, so layer downloads still leave through a NAT (or fail). Add the runners' route tables."),
                "the S3 gateway endpoint has route tables to serve."))));

        m.output("ecr_api_endpoint_id", "Id of the ecr.api interface endpoint; null when not created.",
                ref("try(aws_vpc_endpoint.interface[\"ecr.api\"].id, null)"));
        m.output("ecr_dkr_endpoint_id", "Id of the ecr.dkr interface endpoint; null when not created.",
                ref("try(aws_vpc_endpoint.interface[\"ecr.dkr\"].id, null)"));
        m.output("s3_endpoint_id", "Id of the S3 gateway endpoint; null when not created.",
                ref("try(aws_vpc_endpoint.s3[0].id, null)"));
        m.output(new Output("endpoint_ids", "Ids of every endpoint created, by service (ecr.api, ecr.dkr, s3).",
                ref("merge({ for service, endpoint in aws_vpc_endpoint.interface : service => endpoint.id }, { for endpoint in aws_vpc_endpoint.s3 : \"s3\" => endpoint.id })"))
                .withPrecondition(Coordinates.regionInPartition()));
        m.output("security_group_id", "Id of the security group this module created; null when not created.",
                ref("try(aws_security_group.this[0].id, null)"));

        m.usage("vpc_id", string("vpc-0123456789abcdef0"))
                .usage("subnet_ids", Expression.stringList(List.of("subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb")))
                .usage("route_table_ids", Expression.stringList(List.of("rtb-0aaaaaaaaaaaaaaaa")));

        m.test(tests());
        return m.build();
    }

    private static Variable toggle(String name, String description) {
        return Variable.builder(name, TypeConstraint.BOOL)
                .description(description)
                .defaultNonNull(Expression.bool(true))
                .build();
    }

    private static TestSuite tests() {
        Map<String, Expression.Obj> data = new LinkedHashMap<>();
        data.put("aws_region", Expression.object().put("name", "eu-west-1").build());
        data.put("aws_partition", Expression.object()
                .put("partition", "aws").put("dns_suffix", "amazonaws.com").put("reverse_dns_prefix", "com.amazonaws").build());
        data.put("aws_vpc", Expression.object().put("cidr_block", "10.20.0.0/16").build());
        Expression.Obj base = Expression.object()
                .put("vpc_id", "vpc-0123456789abcdef0")
                .put("subnet_ids", Expression.stringList(List.of("subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb")))
                .put("route_table_ids", Expression.stringList(List.of("rtb-0aaaaaaaaaaaaaaaa")))
                .build();
        return new TestSuite("endpoints", null, List.of(
                TestBlocks.mockProvider(null, data),
                TestBlocks.variables(base),
                TestBlocks.run("creates_all_three_endpoints")
                        .command("apply")
                        .asserting("aws_vpc_endpoint.interface[\"ecr.api\"].service_name == \"com.amazonaws.eu-west-1.ecr.api\"",
                                "ecr.api service name comes from the provider's region and partition")
                        .asserting("aws_vpc_endpoint.interface[\"ecr.dkr\"].private_dns_enabled",
                                "the registry host must resolve to the ecr.dkr endpoint")
                        .asserting("aws_vpc_endpoint.s3[0].vpc_endpoint_type == \"Gateway\" && aws_vpc_endpoint.s3[0].service_name == \"com.amazonaws.eu-west-1.s3\"",
                                "S3 is a gateway endpoint")
                        .asserting("aws_security_group_rule.https[0].cidr_blocks == tolist([\"10.20.0.0/16\"])",
                                "HTTPS is admitted from the VPC's CIDR block by default")
                        .asserting("length(output.endpoint_ids) == 3 && output.security_group_id != null",
                                "every endpoint id is an output")
                        .build(),
                TestBlocks.run("china_partition_names_services_in_reverse")
                        .command("plan")
                        .variables(Expression.object().put("region", "cn-north-1").put("partition", "aws-cn")
                                .put("ingress_cidr_blocks", Expression.stringList(List.of("10.1.0.0/16", "10.2.0.0/16"))).build())
                        .asserting("aws_vpc_endpoint.interface[\"ecr.dkr\"].service_name == \"cn.com.amazonaws.cn-north-1.ecr.dkr\"",
                                "aws-cn service names start with cn.com.amazonaws")
                        .asserting("aws_security_group_rule.https[0].cidr_blocks == tolist([\"10.1.0.0/16\", \"10.2.0.0/16\"])",
                                "given CIDR blocks replace the VPC's")
                        .build(),
                TestBlocks.run("toggles_off_create_nothing")
                        .command("apply")
                        .variables(Expression.object()
                                .put("create_ecr_api_endpoint", Expression.bool(false))
                                .put("create_ecr_dkr_endpoint", Expression.bool(false))
                                .put("create_s3_endpoint", Expression.bool(false)).build())
                        .asserting("output.endpoint_ids == {}", "no endpoints")
                        .asserting("output.ecr_api_endpoint_id == null && output.s3_endpoint_id == null && output.security_group_id == null",
                                "outputs are null, not errors, when toggled off")
                        .build(),
                TestBlocks.run("only_s3_needs_no_subnets")
                        .command("plan")
                        .variables(Expression.object()
                                .put("subnet_ids", Expression.tuple())
                                .put("create_ecr_api_endpoint", Expression.bool(false))
                                .put("create_ecr_dkr_endpoint", Expression.bool(false)).build())
                        .asserting("length(aws_vpc_endpoint.interface) == 0 && length(aws_security_group.this) == 0",
                                "no interface endpoint, no security group")
                        .build(),
                TestBlocks.run("interface_endpoints_need_subnets")
                        .command("plan")
                        .variables(Expression.object().put("subnet_ids", Expression.tuple()).build())
                        .expectFailures("aws_vpc_endpoint.interface")
                        .build(),
                TestBlocks.run("rejects_malformed_vpc_id")
                        .command("plan")
                        .variables(Expression.object().put("vpc_id", "my-vpc").build())
                        .expectFailures("var.vpc_id")
                        .build(),
                TestBlocks.run("rejects_malformed_cidr")
                        .command("plan")
                        .variables(Expression.object().put("ingress_cidr_blocks", Expression.stringList(List.of("10.0.0.0/33"))).build())
                        .expectFailures("var.ingress_cidr_blocks")
                        .build(),
                TestBlocks.run("rejects_unknown_partition")
                        .command("plan")
                        .variables(Expression.object().put("partition", "aws-moon").build())
                        .expectFailures("var.partition")
                        .build()));
    }
}
