package dev.pullthrough.cdktf.aws;

import java.util.Map;

/** A nested block or object value of a binding (a generated record), as the attribute map cdktf writes. */
public interface TerraformBlock {
    Map<String, Object> toTerraform();
}
