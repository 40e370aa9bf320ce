package dev.pullthrough.testing.terraform;

/** The terraform executable could not be run; the message says how to install it. Tests fail on this, never skip. */
public final class TerraformNotFoundException extends RuntimeException {
    private final String executable;

    TerraformNotFoundException(String executable, String detail) {
        super("terraform executable '" + executable + "' not usable (" + detail + ").\n"
                + "Install Terraform >= 1.9 so that `terraform` is on PATH (HashiCorp's install page:"
                + " https://developer.hashicorp.com/terraform/install - unzip the binary into /usr/local/bin),\n"
                + "or point PT_TERRAFORM at an executable, e.g. PT_TERRAFORM=/opt/terraform/terraform"
                + " (OpenTofu >= 1.9: PT_TERRAFORM=tofu).\n"
                + "Then run bin/setup-test-env once: it writes target/terraformrc for the offline provider mirror.");
        this.executable = executable;
    }

    public String executable() {
        return executable;
    }
}
