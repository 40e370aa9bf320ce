package dev.pullthrough.cdktf.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullthrough.testing.cdktf.ProjectPaths;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The 124 MB prebuilt cdktf-provider-aws stays out of the library: not declared, not on the class path. Users add it
 * to their own apps if they want it; ours are strings either way.
 */
class NoPrebuiltProviderTest {

    @Test
    void pom_doesNotDeclarePrebuiltProvider() throws Exception {
        assertThat(Files.readString(ProjectPaths.root().resolve("pom.xml"))).doesNotContain("cdktf-provider-aws");
    }

    @Test
    void classPath_hasNoPrebuiltProviderClasses() {
        assertThatThrownBy(() -> Class.forName("com.hashicorp.cdktf.providers.aws.provider.AwsProvider"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
