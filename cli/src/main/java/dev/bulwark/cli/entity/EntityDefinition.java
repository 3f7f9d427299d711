package dev.bulwark.cli.entity;

import java.util.List;
import java.util.Locale;

/**
 * What {@code entity add} was asked for, and every name derived from it.
 *
 * @param name the entity, PascalCase ({@code PurchaseOrder})
 * @param privateRead whether USER is denied the read permission ({@code --private})
 */
public record EntityDefinition(String name, boolean privateRead, List<Field> fields) {

    public EntityDefinition {
        fields = List.copyOf(fields);
    }

    /** The module's package, below the project's base package: {@code purchaseorder}. */
    public String module() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code purchase_order}. */
    public String table() {
        return Field.snake(name);
    }

    /** {@code purchaseOrder}: a variable holding one. */
    public String variable() {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** {@code purchase-orders}: the path segment and the permissions' prefix. */
    public String plural() {
        return plural(table()).replace('_', '-');
    }

    /** {@code PurchaseOrders}. */
    public String pluralName() {
        return plural(name);
    }

    /** {@code purchase orders}: for sentences. */
    public String words() {
        return table().replace('_', ' ');
    }

    public String pluralWords() {
        return plural(words());
    }

    public String path() {
        return "/api/v1/" + plural();
    }

    static String plural(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.matches(".*[^aeiou]y")) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (lower.matches(".*(s|x|z|ch|sh)")) {
            return word + "es";
        }
        return word + "s";
    }
}
