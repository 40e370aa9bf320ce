package dev.pullthrough.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryCoordinatesTest {
    @Test
    void registryHost_commercialPartition_usesAmazonawsCom() {
        assertThat(RegistryCoordinates.of("123456789012", "eu-west-1").registryHost())
                .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    }

    @Test
    void of_chinaRegion_offeredWithTheChinaDnsSuffix() {
        assertThat(RegistryCoordinates.of("123456789012", "cn-north-1", Partition.AWS_CN).registryHost())
                .isEqualTo("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void of_govCloudRegion_hostUnderAmazonawsComAndArnsInAwsUsGov() {
        RegistryCoordinates gov = RegistryCoordinates.of("123456789012", "us-gov-west-1");

        assertThat(gov.partition()).isEqualTo(Partition.AWS_US_GOV);
        assertThat(gov.registryHost()).isEqualTo("123456789012.dkr.ecr.us-gov-west-1.amazonaws.com");
    }

    @Test
    void of_regionOfAnotherPartition_rejected() {
        assertThatThrownBy(() -> RegistryCoordinates.of("123456789012", "cn-north-1", Partition.AWS))
                .hasMessageContaining("belongs to partition aws-cn");
    }

    @Test
    void of_shortAccountId_namesTheField() {
        assertThatThrownBy(() -> RegistryCoordinates.of("12345", "us-east-1"))
                .isInstanceOf(InvalidCoordinatesException.class)
                .hasMessageContaining("account_id \"12345\"");
    }

    @Test
    void parseHost_registryHost_roundTrips() {
        String host = "123456789012.dkr.ecr.ap-southeast-2.amazonaws.com";

        assertThat(RegistryCoordinates.parseHost(host)).get()
                .extracting(RegistryCoordinates::registryHost).isEqualTo(host);
        assertThat(RegistryCoordinates.parseHost("ghcr.io")).isEmpty();
    }

    @Test
    void arnScope_prefix_scopesToRepositoriesUnderIt() {
        ArnScope scope = RegistryCoordinates.of("123456789012", "us-east-1").arnScope();

        assertThat(scope.repositoryArn("docker-hub/")).isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*");
        assertThat(scope.allRepositoriesArn()).isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/*");
    }
}
