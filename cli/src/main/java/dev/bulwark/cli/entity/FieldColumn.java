package dev.bulwark.cli.entity;

import java.util.ArrayList;
import java.util.List;

/** What one field becomes in the migration: its column, checks, foreign key and index names. */
final class FieldColumn {

    private final Field field;

    FieldColumn(Field field) {
        this.field = field;
    }

    /** The column's line of the CREATE TABLE, its name padded to {@code width} so the types line up. */
    String sqlColumn(String table, String refTable, int width) {
        String type = switch (field.type()) {
            case STRING -> "VARCHAR(" + field.maxLength() + ")";
            case TEXT -> "TEXT";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case DECIMAL -> "NUMERIC(19, 4)";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
            case UUID, REF -> "UUID";
            case ENUM ->
                "VARCHAR("
                        + field.values().stream().mapToInt(String::length).max().orElse(1) + ")";
        };
        List<String> parts = new ArrayList<>(List.of(pad(field.column(), width) + type));
        if (field.required()) {
            parts.add("NOT NULL");
        }
        if (field.type().numeric() && (field.min() != null || field.max() != null)) {
            List<String> bounds = new ArrayList<>();
            if (field.min() != null) {
                bounds.add(field.column() + " >= " + field.min().toPlainString());
            }
            if (field.max() != null) {
                bounds.add(field.column() + " <= " + field.max().toPlainString());
            }
            parts.add("CHECK (" + String.join(" AND ", bounds) + ")");
        }
        if (field.type() == FieldType.ENUM) {
            parts.add("CHECK (" + field.column() + " IN ('" + String.join("', '", field.values()) + "'))");
        }
        if (field.type() == FieldType.REF) {
            parts.add("CONSTRAINT " + foreignKey(table) + " REFERENCES " + refTable + " (id)");
        }
        return String.join(" ", parts);
    }

    String foreignKey(String table) {
        return table + "_" + Field.snake(field.name()) + "_fk";
    }

    String uniqueIndex(String table) {
        return table + "_" + field.column() + "_key";
    }

    String filterIndex(String table) {
        return table + "_" + Field.snake(field.name()) + "_idx";
    }

    static String pad(String name, int width) {
        return name + " ".repeat(Math.max(1, width - name.length() + 1));
    }
}
