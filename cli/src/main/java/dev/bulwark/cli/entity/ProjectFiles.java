package dev.bulwark.cli.entity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * File changes that can be undone: what a command wrote, deleted or let a tool regenerate is put back as it was when a
 * later step fails (all or nothing).
 */
final class ProjectFiles {

    /** What the derived-documents step rewrites. */
    static final List<String> DERIVED =
            List.of("docs/openapi.json", "docs/architecture.md", "docs/modules.puml", "docs/security.md");

    private final Path root;
    /** path → content before the change (null: it did not exist). */
    private final Map<String, byte[]> before = new LinkedHashMap<>();

    ProjectFiles(Path root) {
        this.root = root;
        DERIVED.forEach(this::remember);
    }

    void write(String path, String content) {
        remember(path);
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String path) {
        remember(path);
        try {
            Files.deleteIfExists(root.resolve(path));
            removeEmptyFolders(root.resolve(path).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts every file back as it was; removes those that did not exist, and the folders left empty. */
    void undo() {
        before.forEach((path, content) -> {
            try {
                Path file = root.resolve(path);
                if (content == null) {
                    Files.deleteIfExists(file);
                    removeEmptyFolders(file.getParent());
                } else {
                    Files.createDirectories(file.getParent());
                    Files.write(file, content);
                }
            } catch (IOException | RuntimeException e) {
                // best effort: the failure that brought us here is the one to report
            }
        });
    }

    private void remember(String path) {
        if (!before.containsKey(path)) {
            Path file = root.resolve(path);
            try {
                before.put(path, Files.exists(file) ? Files.readAllBytes(file) : null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void removeEmptyFolders(Path folder) throws IOException {
        Path stop = root.resolve("src");
        while (folder != null && folder.startsWith(stop) && !folder.equals(stop) && Files.isDirectory(folder)) {
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(folder);
            folder = folder.getParent();
        }
    }

    static String sha256(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String content) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
