package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What local mode does with a {@code postmaster.pid} it finds before starting its PostgreSQL (a real leftover server
 * is stopped in {@link LocalModeTests}).
 */
class LeftoverPostmasterTests {

    @TempDir
    Path directory;

    @Test
    void aPidFileNamingAnUnrelatedProcessIsRemoved() throws Exception {
        Path pidFile = pidFile(ProcessHandle.current().pid()); // this JVM: alive, and no postgres
        LeftoverPostmaster.stopIfAny(directory);
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aPidFileOfAProcessThatIsGoneIsLeftToPostgres() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = pidFile(gone.pid());
        LeftoverPostmaster.stopIfAny(directory);
        assertThat(pidFile).exists();
    }

    @Test
    void aDirectoryAnotherRunningInstanceHoldsIsRefusedAndLeftAlone() throws Exception {
        Path pidFile = pidFile(ProcessHandle.current().pid());
        try (FileChannel channel = FileChannel.open(
                        directory.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assertThatThrownBy(() -> LeftoverPostmaster.stopIfAny(directory))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running instance");
        }
        assertThat(pidFile).exists();
    }

    private Path pidFile(long pid) throws Exception {
        return Files.writeString(directory.resolve("postmaster.pid"), pid + "\n" + directory + "\n");
    }
}
