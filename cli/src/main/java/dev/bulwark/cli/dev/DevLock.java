package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Held while a command starts or stops the services, so two {@code dev} commands never work on one {@code data/dev}
 * at once. Closing the channel releases it; so does the end of the process.
 */
record DevLock(FileChannel channel) implements AutoCloseable {

    static DevLock take(DevFolder folder) {
        try {
            FileChannel channel = FileChannel.open(
                    folder.root().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                channel.close();
                throw new CliError("another ./bulwark dev command is working on " + folder.shown(folder.root())
                        + ": wait for it to finish");
            }
            return new DevLock(channel);
        } catch (IOException e) {
            throw new CliError("cannot lock " + folder.root() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel, or with this process
        }
    }
}
