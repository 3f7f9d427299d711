package dev.bulwark.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Options of {@code ./bulwark image} that contradict each other are refused before anything is built. */
class ImageOptionsTests {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void trainingSettingsWithoutTheCacheAreRefused() {
        assertThat(image(
                        "--no-aot-cache",
                        "--aot-settings",
                        folder.resolve("ci.properties").toString()))
                .isEqualTo(BulwarkCli.REFUSED);
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("--aot-settings is for Spring AOT and the AOT cache, which --no-aot-cache leaves out");
    }

    @Test
    void trainingSettingsThatCannotBeReadAreNamed() {
        Path missing = folder.resolve("missing.properties");
        assertThat(image("--aot-settings", missing.toString())).isEqualTo(BulwarkCli.REFUSED);
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("--aot-settings: no readable file at " + missing.toAbsolutePath());
    }

    private int image(String... options) {
        PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
        CommandLine line = BulwarkCli.commandLine(folder.toString(), new Console(stream));
        line.setErr(new PrintWriter(stream, true));
        String[] args = new String[options.length + 1];
        args[0] = "image";
        System.arraycopy(options, 0, args, 1, options.length);
        return line.execute(args);
    }
}
