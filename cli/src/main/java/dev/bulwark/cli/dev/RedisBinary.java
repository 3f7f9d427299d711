package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which redis-server runs: the machine's own (on the PATH) unless embedded binaries are asked for or there is none,
 * then the one embedded-redis carries.
 *
 * @param origin {@code installed} or {@code embedded}
 */
record RedisBinary(Path executable, String version, String origin) {

    private static final Pattern VERSION = Pattern.compile("v=([0-9.]+)");

    static RedisBinary choose(boolean embedded, Path binaries) {
        Optional<Path> installed = embedded ? Optional.empty() : Programs.onPath("redis-server");
        Path executable = installed.orElseGet(() -> EmbeddedBinaries.redisServer(binaries));
        String version = Programs.firstLine(List.of(executable.toString(), "--version"))
                .map(VERSION::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .orElseThrow(() -> new CliError(executable + " --version does not run on this machine"));
        return new RedisBinary(
                executable, version, installed.isPresent() ? PostgresBinaries.INSTALLED : PostgresBinaries.EMBEDDED);
    }

    String describe() {
        return "Redis " + version + " (" + origin + ", " + executable + ")";
    }
}
