package dev.bulwark.auth;

import org.jspecify.annotations.Nullable;

/** A short, printable name for a session's device, from the client's label or its User-Agent. */
final class DeviceLabels {

    static final int MAX_LENGTH = 200;

    private DeviceLabels() {}

    /** Control and format characters (bidirectional overrides among them) are dropped, as display names refuse them. */
    static String of(@Nullable String raw) {
        if (raw == null) {
            return "Unknown device";
        }
        String printable = raw.replaceAll("[\\p{Cc}\\p{Cf}]", "").strip();
        if (printable.isEmpty()) {
            return "Unknown device";
        }
        return printable.length() > MAX_LENGTH ? printable.substring(0, MAX_LENGTH) : printable;
    }
}
