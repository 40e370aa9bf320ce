package dev.pullthrough.module;

/**
 * The two syntaxes every module is written in. Each form has its own folder ({@code modules-out/hcl/<name>},
 * {@code modules-out/json/<name>}): Terraform loads every {@code *.tf} and {@code *.tf.json} of a directory, so one
 * folder holding both would declare everything twice.
 */
public enum ModuleForm {
    HCL("hcl", ".tf"),
    JSON("json", ".tf.json");

    private final String folder;
    private final String extension;

    ModuleForm(String folder, String extension) {
        this.folder = folder;
        this.extension = extension;
    }

    /** The folder under {@code modules-out/}. */
    public String folder() {
        return folder;
    }

    public String extension() {
        return extension;
    }

    public String render(TerraformFile file, String header) {
        return switch (this) {
            case HCL -> HclRenderer.render(file, header);
            case JSON -> JsonRenderer.render(file, header);
        };
    }
}
