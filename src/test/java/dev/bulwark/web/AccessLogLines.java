package dev.bulwark.web;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.test.system.CapturedOutput;

/** Access-log lines in captured output, waited for: the access log is written off the request thread. */
public final class AccessLogLines {

    private AccessLogLines() {}

    /** The access line of the request with this id; the lines of earlier requests are written before it. */
    public static String of(CapturedOutput output, String requestId) {
        return await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> output.getOut()
                                .lines()
                                .filter(line -> line.contains(requestId) && line.contains(AsyncAccessLog.LOGGER))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
