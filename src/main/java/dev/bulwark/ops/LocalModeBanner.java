package dev.bulwark.ops;

import java.util.List;

/** The warning local mode prints at start, so nobody mistakes it for a production set-up. */
final class LocalModeBanner {

    private LocalModeBanner() {}

    static String render(List<String> relaxed) {
        StringBuilder banner = new StringBuilder()
                .append("\n")
                .append("**********************************************************************\n")
                .append("*  LOCAL MODE - NOT FOR PRODUCTION                                   *\n")
                .append("*  Embedded PostgreSQL under ./data, in-process state, a generated   *\n")
                .append("*  signing key. Production (no profile) would refuse to start        *\n")
                .append("*  because:                                                          *\n")
                .append("**********************************************************************\n");
        relaxed.forEach(problem -> banner.append("  - ").append(problem).append('\n'));
        return banner.toString();
    }
}
