package dev.pullthrough.testing.terraform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {
    @Test
    void classify_pluginCacheRace_transientWithReason() {
        assertThat(RetryPolicy.defaults().classify("Error: open .../terraform-provider-aws_v5.100.0_x5: text file busy"))
                .hasValueSatisfying(e -> assertThat(e.reason()).contains("plugin cache"));
    }

    @Test
    void classify_validationError_notTransient() {
        assertThat(RetryPolicy.defaults().classify("Error: Invalid value for variable\nnot a pull-through cache upstream"))
                .isEmpty();
    }

    @Test
    void classify_offlineAwsCall_notTransient() {
        // An unintended AWS call offline must fail at once, not be retried as a network blip.
        assertThat(RetryPolicy.defaults().classify(
                "dial tcp: lookup sts.us-east-1.amazonaws.com on 10.0.0.1:53: no such host")).isEmpty();
    }

    @Test
    void constructor_transientErrorWithoutReason_rejected() {
        assertThatThrownBy(() -> TransientError.of("x", " ")).hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, List.of())).hasMessageContaining("maxAttempts");
    }
}
