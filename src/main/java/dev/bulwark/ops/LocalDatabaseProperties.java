package dev.bulwark.ops;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Local mode's embedded PostgreSQL ({@code bulwark.local-database.*}); production never starts it.
 *
 * @param directory its data directory, kept across restarts; its server log goes beside it ({@code <directory>.log})
 * @param port the port on 127.0.0.1 it listens on; 0 picks a free one at every start
 */
@Validated
@ConfigurationProperties("bulwark.local-database")
record LocalDatabaseProperties(
        @DefaultValue("./data/postgres") Path directory,
        @DefaultValue("0") @Min(0) @Max(65535) int port) {

    Path logFile() {
        Path absolute = directory.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".log");
    }
}
