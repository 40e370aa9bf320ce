package dev.pullthrough.bench.baseline;

import com.hashicorp.cdktf.TerraformVariable;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_partition.DataAwsPartition;
import com.hashicorp.cdktf.providers.aws.data_aws_region.DataAwsRegion;
import software.constructs.Construct;

/**
 * The optional account_id / region / partition inputs of every module, looked up with data sources only when null
 * (count = 0 otherwise), so a plan with given values needs no AWS call.
 */
final class Location {
    final String accountId;
    final String region;
    final String partition;
    final String dnsSuffix;

    private Location(String accountId, String region, String partition, String dnsSuffix) {
        this.accountId = accountId;
        this.region = region;
        this.partition = partition;
        this.dnsSuffix = dnsSuffix;
    }

    static Location declare(Construct scope) {
        nullableString(scope, "account_id", "AWS account id of the registry; looked up when null.");
        nullableString(scope, "region", "AWS region of the registry; looked up when null.");
        nullableString(scope, "partition", "AWS partition (aws, aws-cn, aws-us-gov); looked up when null.");
        DataAwsCallerIdentity caller = DataAwsCallerIdentity.Builder.create(scope, "current").build();
        caller.addOverride("count", "${var.account_id == null ? 1 : 0}");
        DataAwsRegion region = DataAwsRegion.Builder.create(scope, "current_region").build();
        region.addOverride("count", "${var.region == null ? 1 : 0}");
        DataAwsPartition partition = DataAwsPartition.Builder.create(scope, "current_partition").build();
        partition.addOverride("count", "${var.partition == null ? 1 : 0}");
        return new Location(
                "${coalesce(var.account_id, one(data.aws_caller_identity.current[*].account_id))}",
                "${coalesce(var.region, one(data.aws_region.current_region[*].name))}",
                "${coalesce(var.partition, one(data.aws_partition.current_partition[*].partition))}",
                "${var.partition == \"aws-cn\" ? \"amazonaws.com.cn\" : \"amazonaws.com\"}");
    }

    String registryHost() {
        return "${coalesce(var.account_id, one(data.aws_caller_identity.current[*].account_id))}.dkr.ecr."
                + "${coalesce(var.region, one(data.aws_region.current_region[*].name))}."
                + "${var.partition == \"aws-cn\" ? \"amazonaws.com.cn\" : \"amazonaws.com\"}";
    }

    private static void nullableString(Construct scope, String name, String description) {
        TerraformVariable variable = TerraformVariable.Builder.create(scope, name)
                .type("string").description(description).nullable(true).build();
        // jsii drops a Java null default (the variable would become required): write it with an override.
        variable.addOverride("default", (Object) null);
    }
}
