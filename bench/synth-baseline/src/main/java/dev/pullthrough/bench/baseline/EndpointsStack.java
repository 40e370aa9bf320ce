package dev.pullthrough.bench.baseline;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.TerraformVariable;
import com.hashicorp.cdktf.providers.aws.data_aws_region.DataAwsRegion;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpoint;
import java.util.List;
import software.constructs.Construct;

/** Module ecr-private-endpoints: ecr.api and ecr.dkr interface endpoints and the S3 gateway endpoint. */
final class EndpointsStack extends TerraformStack {
    EndpointsStack(Construct scope, String id) {
        super(scope, id);
        AwsProvider.Builder.create(this, "aws").build();
        TerraformVariable vpc = TerraformVariable.Builder.create(this, "vpc_id").type("string").build();
        TerraformVariable subnets = TerraformVariable.Builder.create(this, "subnet_ids").type("list(string)").build();
        TerraformVariable groups = TerraformVariable.Builder.create(this, "security_group_ids").type("list(string)")
                .defaultValue(List.of()).build();
        TerraformVariable routes = TerraformVariable.Builder.create(this, "route_table_ids").type("list(string)")
                .defaultValue(List.of()).build();
        DataAwsRegion region = DataAwsRegion.Builder.create(this, "current").build();
        String service = "com.amazonaws." + region.getName() + ".";
        VpcEndpoint api = VpcEndpoint.Builder.create(this, "ecr_api").vpcId(vpc.getStringValue())
                .serviceName(service + "ecr.api").vpcEndpointType("Interface").privateDnsEnabled(true)
                .subnetIds(subnets.getListValue()).securityGroupIds(groups.getListValue()).build();
        VpcEndpoint dkr = VpcEndpoint.Builder.create(this, "ecr_dkr").vpcId(vpc.getStringValue())
                .serviceName(service + "ecr.dkr").vpcEndpointType("Interface").privateDnsEnabled(true)
                .subnetIds(subnets.getListValue()).securityGroupIds(groups.getListValue()).build();
        VpcEndpoint s3 = VpcEndpoint.Builder.create(this, "s3").vpcId(vpc.getStringValue())
                .serviceName(service + "s3").vpcEndpointType("Gateway")
                .routeTableIds(routes.getListValue()).build();
        TerraformOutput.Builder.create(this, "ecr_api_endpoint_id").value(api.getId()).build();
        TerraformOutput.Builder.create(this, "ecr_dkr_endpoint_id").value(dkr.getId()).build();
        TerraformOutput.Builder.create(this, "s3_endpoint_id").value(s3.getId()).build();
    }
}
