package dev.pullthrough.testing.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies a configuration into a work root at the same path it has in the project, together with every local module
 * it sources (transitively), so that {@code source = "../../modules-out/..."} resolves in the copy exactly as in the
 * repository and no file is rewritten. Local state, plans and {@code .terraform/} of the original are never copied.
 */
final class WorkspaceCopier {
    /** What terraform itself leaves in a directory; kept when a work dir is re-used, never copied from the project. */
    static final Set<String> TERRAFORM_LEFTOVERS = Set.of(".terraform", ".terraform.lock.hcl", "terraform.tfstate",
            "terraform.tfstate.backup", ".terraform.tfstate.lock.info", "tfplan");

    private WorkspaceCopier() {
    }

    /**
     * @param configRel  the configuration's path relative to the project (need not exist for scratch configurations)
     * @param extraFiles files (name to content) written into the copied configuration directory
     * @return the paths (relative to the project) that were copied, configuration first
     */
    static List<String> copy(Path projectDir, String configRel, Path workRoot, Map<String, String> extraFiles) {
        List<String> copied = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>();
        Path configInProject = projectDir.resolve(configRel).normalize();
        Path configCopy = workRoot.resolve(configRel).normalize();
        try {
            if (Files.isDirectory(configInProject)) {
                copyTree(configInProject, configCopy);
            } else if (extraFiles.isEmpty()) {
                throw new IllegalArgumentException("no configuration at " + configInProject);
            }
            Files.createDirectories(configCopy);
            for (Map.Entry<String, String> file : extraFiles.entrySet()) {
                Files.writeString(configCopy.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + configInProject + " to " + configCopy, e);
        }
        copied.add(normalizeRel(configRel));
        pending.add(normalizeRel(configRel));
        while (!pending.isEmpty()) {
            String rel = pending.poll();
            for (String source : LocalModuleSources.in(workRoot.resolve(rel))) {
                String target = normalizeRel(rel + "/" + source);
                if (target.equals("..") || target.startsWith("../")) {
                    throw new IllegalArgumentException("module source \"" + source + "\" in " + rel
                            + " points outside the project (" + projectDir + "); the copy cannot keep its layout");
                }
                if (copied.stream().anyMatch(c -> target.equals(c) || target.startsWith(c + "/"))) {
                    continue;
                }
                Path original = projectDir.resolve(target);
                if (!Files.isDirectory(original)) {
                    throw new IllegalArgumentException("module source \"" + source + "\" in " + rel
                            + " does not exist: " + original);
                }
                try {
                    copyTree(original, workRoot.resolve(target));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy module " + original, e);
                }
                copied.add(target);
                pending.add(target);
            }
        }
        return List.copyOf(copied);
    }

    static String normalizeRel(String rel) {
        String normalized = Path.of(rel).normalize().toString();
        return normalized.isEmpty() ? "." : normalized;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && TERRAFORM_LEFTOVERS.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (!TERRAFORM_LEFTOVERS.contains(name) && !name.endsWith(".tfstate")) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Empties a re-used work root except terraform's own leftovers (providers, lock file, state). */
    static void clearKeepingTerraformState(Path workRoot) {
        if (!Files.isDirectory(workRoot)) {
            return;
        }
        try {
            Files.walkFileTree(workRoot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return TERRAFORM_LEFTOVERS.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!TERRAFORM_LEFTOVERS.contains(file.getFileName().toString())) {
                        Files.delete(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear re-used work dir " + workRoot, e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete work dir " + root, e);
        }
    }
}
