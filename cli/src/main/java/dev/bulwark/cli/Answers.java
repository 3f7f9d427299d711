package dev.bulwark.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a project was created with ({@code ./bulwark new}); every name the copy uses derives from these, so rendering
 * Bulwark again with the same answers (as {@code ./bulwark update} does) gives the same files.
 *
 * @param group the Maven group id, e.g. {@code com.acme}
 * @param name the project name, e.g. {@code orders}: artifact id, application name, jar name
 * @param packageName the base Java package, e.g. {@code com.acme.orders}
 * @param description one line for the README and the pom
 */
public record Answers(String group, String name, String packageName, String description) {

    /** Bulwark's own answers: rendering Bulwark with them changes nothing. */
    public static final Answers BULWARK =
            new Answers("dev.bulwark", "bulwark", "dev.bulwark", "Secure-by-default REST API foundation");

    private static final int MAX_DESCRIPTION = 200;

    public Answers {
        Identifiers.requirePackage("--group", group);
        Identifiers.requireProjectName(name);
        Identifiers.requirePackage("--package", packageName);
        if (description.length() > MAX_DESCRIPTION || !description.codePoints().allMatch(Answers::printable)) {
            throw new CliError("--description: at most " + MAX_DESCRIPTION + " characters, no control characters");
        }
    }

    /** The package a project gets when --package is not given: the group, then the name without '-'. */
    public static String defaultPackage(String group, String name) {
        return group + "." + name.replace("-", "");
    }

    /** {@code order-service} → {@code OrderService}: the prefix of the application class. */
    public String typePrefix() {
        return Arrays.stream(name.split("-"))
                .map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
                .collect(Collectors.joining());
    }

    /** {@code order-service} → {@code Order Service}: README and API titles. */
    public String title() {
        return Arrays.stream(name.split("-"))
                .map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
                .collect(Collectors.joining(" "));
    }

    /** {@code order-service} → {@code order_service}: cookie names and other identifiers that avoid '-'. */
    public String snakeName() {
        return name.replace('-', '_');
    }

    /**
     * Where the problem {@code type} URIs point: the group as a host name, under the project name unless the group
     * ends with it: {@code https://orders.acme.com/problems/} for com.acme/orders, Bulwark's own for dev.bulwark.
     */
    public String problemBaseUri() {
        List<String> labels = new ArrayList<>(List.of(group.replace('_', '-').split("\\.")));
        if (!labels.getLast().equals(name)) {
            labels.add(name);
        }
        return "https://" + String.join(".", labels.reversed()) + "/problems/";
    }

    public String packagePath() {
        return packageName.replace('.', '/');
    }

    private static boolean printable(int codePoint) {
        int type = Character.getType(codePoint);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED;
    }
}
