package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the services' logs from the end, without loading a log that has grown large. */
final class LogFiles {

    private static final int BLOCK = 8192;

    private LogFiles() {}

    /** The last {@code lines} lines of {@code log}; empty when it does not exist. */
    static List<String> tail(Path log, int lines) {
        if (!Files.isRegularFile(log) || lines <= 0) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = file.length();
            int newlines = 0;
            byte[] block = new byte[BLOCK];
            while (start > 0 && newlines <= lines) {
                int size = (int) Math.min(BLOCK, start);
                start -= size;
                file.seek(start);
                file.readFully(block, 0, size);
                for (int i = size - 1; i >= 0; i--) {
                    if (block[i] == '\n' && ++newlines > lines) {
                        start += i + 1;
                        break;
                    }
                }
            }
            List<String> all = read(file, start).lines().toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            throw new CliError("cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    /** What {@code log} holds from byte {@code offset} on: the output of the program that just wrote to it. */
    static String from(Path log, long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            return read(file, Math.min(offset, file.length()));
        } catch (IOException e) {
            throw new CliError("cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    private static String read(RandomAccessFile file, long from) throws IOException {
        file.seek(from);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[BLOCK];
        for (int read; (read = file.read(buffer)) > 0; ) {
            out.write(buffer, 0, read);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
