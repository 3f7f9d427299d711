package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which redis-server runs: the one that ran last while it is still there (an older Redis cannot read a newer one's
 * append-only files), else the machine's own (on the PATH), else the one embedded-redis carries; {@code --embedded}
 * asks for the last.
 *
 * @param origin {@code installed} or {@code embedded}
 */
record RedisBinary(Path executable, String version, String origin) {

    private static final Pattern VERSION = Pattern.compile("v=([0-9.]+)");

    static RedisBinary choose(boolean embedded, Path binaries, DevState.Service last) {
        if (!embedded && last != null && !last.program().isEmpty() && Files.isRegularFile(Path.of(last.program()))) {
            return of(Path.of(last.program()), last.origin());
        }
        Optional<Path> installed = embedded ? Optional.empty() : Programs.onPath("redis-server");
        return installed.isPresent()
                ? of(installed.get(), PostgresBinaries.INSTALLED)
                : of(EmbeddedBinaries.redisServer(binaries), PostgresBinaries.EMBEDDED);
    }

    private static RedisBinary of(Path executable, String origin) {
        String version = Programs.firstLine(List.of(executable.toString(), "--version"))
                .map(VERSION::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .orElseThrow(() -> new CliError(executable + " --version does not run on this machine"));
        return new RedisBinary(executable, version, origin);
    }

    String describe() {
        return "Redis " + version + " (" + origin + ", " + executable + ")";
    }
}
