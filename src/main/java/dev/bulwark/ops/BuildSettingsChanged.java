package dev.bulwark.ops;

import java.util.List;

/**
 * A start from Spring AOT's code whose settings differ from the build's where they decide which beans exist;
 * {@link BuildSettingsFailureAnalyzer} reports it. Names settings, never their values.
 */
final class BuildSettingsChanged extends IllegalStateException {

    BuildSettingsChanged(List<String> settings) {
        super("Bulwark refused to start: it runs from Spring AOT's code (-Dspring.aot.enabled=true), whose beans were"
                + " decided with the build's settings, and these read differently now:\n  - "
                + String.join("\n  - ", settings));
    }

    String action() {
        return "Build the image with the settings it runs with (./bulwark image --aot-settings FILE, docs/deploy.md),"
                + " or without Spring AOT and the AOT cache (./bulwark image --no-aot-cache; a slower start).";
    }
}
