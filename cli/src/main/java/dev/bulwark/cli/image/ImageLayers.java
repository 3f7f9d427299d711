package dev.bulwark.cli.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The image's layers, ordered from the one that changes least (a JDK update) to the one that changes with every build
 * (the AOT cache), so that a rebuild after a code change only ships the last two. Everything belongs to root and is
 * read-only to the user the service runs as; only {@code /tmp} is writable.
 */
final class ImageLayers {

    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
    private static final FilePermissions READABLE = FilePermissions.fromOctalString("644");
    private static final FilePermissions SHARED = FilePermissions.fromOctalString("777");

    private ImageLayers() {}

    static List<FileEntriesLayer> of(Path runtime, Path system, Path jar, Optional<Path> aotCache) {
        try {
            AbsoluteUnixPath app = AbsoluteUnixPath.get(ImageSpec.APP);
            List<FileEntriesLayer> layers = new ArrayList<>();
            layers.add(layer("java runtime", runtime, AbsoluteUnixPath.get(ImageSpec.JAVA_HOME)));
            layers.add(systemLayer(system));
            layers.add(layer("dependencies", jar.resolveSibling("lib"), app.resolve("lib")));
            layers.add(FileEntriesLayer.builder()
                    .setName("application")
                    .addEntry(jar, app.resolve(jar.getFileName().toString()), READABLE, Folders.LAYER_TIME)
                    .build());
            aotCache.ifPresent(cache -> layers.add(FileEntriesLayer.builder()
                    .setName("aot cache")
                    .addEntry(cache, app.resolve(cache.getFileName().toString()), READABLE, Folders.LAYER_TIME)
                    .build()));
            return layers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Folder by folder: Jib cannot add the root folder itself as an entry.
    private static FileEntriesLayer systemLayer(Path system) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("system libraries");
        try (Stream<Path> folders = Files.list(system)) {
            for (Path folder : folders.sorted().toList()) {
                layer.addEntryRecursive(
                        folder, AbsoluteUnixPath.get("/" + folder.getFileName()), ImageLayers::permissions);
            }
        }
        return layer.build();
    }

    private static FileEntriesLayer layer(String name, Path source, AbsoluteUnixPath target) throws IOException {
        return FileEntriesLayer.builder()
                .setName(name)
                .addEntryRecursive(source, target, ImageLayers::permissions)
                .build();
    }

    private static FilePermissions permissions(Path file, AbsoluteUnixPath inImage) {
        if (inImage.toString().equals(ImageSpec.TMP)) {
            return SHARED;
        }
        return Files.isDirectory(file) || Files.isExecutable(file) ? EXECUTABLE : READABLE;
    }
}
