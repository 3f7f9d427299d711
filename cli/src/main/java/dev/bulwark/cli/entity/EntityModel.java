package dev.bulwark.cli.entity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The values the templates read for one entity: names, then each field's Java ({@link FieldCode}), column
 * ({@link FieldColumn}) and test values ({@link FieldSamples}).
 */
final class EntityModel {

    private EntityModel() {}

    /**
     * @param basePackage the project's base package
     * @param scaffolded the entities already scaffolded, by name (the references resolve against them)
     */
    static Map<String, Object> of(
            EntityDefinition entity, String basePackage, Map<String, EntityDefinition> scaffolded) {
        Map<String, Object> model = names(entity);
        model.put("package", basePackage);
        model.put("module", entity.module());
        model.put("private", entity.privateRead());
        model.put("alias", entity.table().substring(0, 1));
        model.put("table", entity.table());
        model.put("event", entity.table());
        model.put("entities", variable(entity.pluralName()));
        model.put("Tag", capitalizedWords(entity.pluralWords()));
        model.put("userRead", entity.privateRead() ? "F" : "A");
        model.put("userAccess", entity.privateRead() ? "MayNeitherReadNorWrite" : "MayOnlyRead");

        int width = entity.fields().stream()
                .mapToInt(f -> f.column().length())
                .max()
                .orElse(0);
        width = Math.max(width, "created_at".length());
        model.put("idColumn", FieldColumn.pad("id", width));
        model.put("createdColumn", FieldColumn.pad("created_at", width));
        model.put("updatedColumn", FieldColumn.pad("updated_at", width));
        model.put("versionColumn", FieldColumn.pad("version", width));
        List<Map<String, Object>> fields = new ArrayList<>();
        List<Map<String, Object>> enums = new ArrayList<>();
        List<Map<String, Object>> uniques = new ArrayList<>();
        List<Map<String, Object>> refs = new ArrayList<>();
        List<Map<String, Object>> filters = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> invalids = new ArrayList<>();
        List<String> secondLines = new ArrayList<>();
        List<String> invalidFilters = new ArrayList<>();
        for (Field field : entity.fields()) {
            FieldCode code = new FieldCode(field, entity.name());
            EntityDefinition target = field.ref() == null ? null : scaffolded.get(field.ref());
            Map<String, Object> f = new HashMap<>();
            f.put("property", field.property());
            f.put("Property", FieldCode.capitalized(field.property()));
            f.put("column", field.column());
            f.put("javaType", code.javaType());
            f.put("entityField", code.entityField());
            f.put("createValue", code.createValue());
            f.put("changeValue", code.changeValue());
            f.put("createAnnotations", code.annotations(false));
            f.put("updateAnnotations", code.annotations(true));
            f.put("viewAnnotations", code.viewAnnotations());
            f.put("readExpression", code.readExpression());
            f.put(
                    "sqlColumn",
                    new FieldColumn(field).sqlColumn(entity.table(), target == null ? null : target.table(), width));
            f.put("sampleLine", new FieldSamples(field).sampleLine(target == null ? null : "create" + target.name()));
            f.put("last", fields.size() == entity.fields().size() - 1);
            fields.add(f);
            invalids.addAll(new FieldSamples(field).invalids());
            if (field.type() == FieldType.ENUM) {
                enums.add(Map.of(
                        "type", code.enumType(),
                        "property", field.property(),
                        "constants", constants(field.values())));
                if (field.values().size() > 1) {
                    secondLines.add("secondBody.put(\"" + field.property() + "\", \""
                            + field.values().getLast() + "\");");
                }
            }
            if (field.unique()) {
                uniques.add(Map.of(
                        "constraint", new FieldColumn(field).uniqueIndex(entity.table()),
                        "property", field.property(),
                        "Property", FieldCode.capitalized(field.property())));
                indexes.add("CREATE UNIQUE INDEX " + new FieldColumn(field).uniqueIndex(entity.table()) + " ON "
                        + entity.table() + " (" + field.column() + ");");
            } else if (field.filter()) {
                indexes.add("CREATE INDEX " + new FieldColumn(field).filterIndex(entity.table()) + " ON "
                        + entity.table() + " (" + field.column() + ", created_at, id);");
            }
            if (target != null) {
                Map<String, Object> ref = new HashMap<>();
                ref.put("constraint", new FieldColumn(field).foreignKey(entity.table()));
                ref.put("property", field.property());
                ref.put("RefEntity", target.name());
                ref.put("refWords", target.words());
                ref.put("refTable", target.table());
                ref.put("refModule", target.module());
                ref.put("refPath", target.path());
                ref.put("entityWords", entity.words());
                refs.add(ref);
            }
            if (field.filter()) {
                Map<String, Object> filter = new HashMap<>(f);
                filter.put("filterParam", code.filterParam());
                filter.put("filterValue", code.filterValue());
                filter.put("lastFilter", false);
                filters.add(filter);
                String invalid = new FieldSamples(field).invalidFilter();
                if (invalid != null) {
                    invalidFilters.add("Map.entry(\"" + field.property() + "\", " + invalid + ")");
                }
            }
        }
        if (!filters.isEmpty()) {
            filters.getLast().put("lastFilter", true);
        }
        model.put("fields", fields);
        model.put("enums", enums);
        model.put("uniques", uniques);
        model.put("refs", refs);
        model.put("filters", filters);
        model.put("indexes", indexes);
        model.put("invalids", invalids);
        model.put("secondLines", secondLines);
        model.put("hasUniques", !uniques.isEmpty());
        model.put("hasRefs", !refs.isEmpty());
        model.put("hasWriteChecks", !uniques.isEmpty() || !refs.isEmpty());
        model.put("hasFilters", !filters.isEmpty());
        model.put("hasIndexedFilters", !indexes.isEmpty());
        model.put("hasEnumFilters", !enums.isEmpty());
        model.put("hasDecimal", entity.fields().stream().anyMatch(f -> f.type() == FieldType.DECIMAL));
        model.put("hasTimestamp", entity.fields().stream().anyMatch(f -> f.type() == FieldType.TIMESTAMP));
        model.put(
                "filterNames",
                filters.stream().map(f -> (String) f.get("property")).collect(Collectors.joining(", ")));
        model.put(
                "filterList",
                filters.stream().map(f -> "\"" + f.get("property") + "\"").collect(Collectors.joining(", ")));
        model.put("invalidFilters", "List.<Map.Entry<String, String>>of(" + String.join(", ", invalidFilters) + ")");
        model.put(
                "uniqueNames",
                uniques.stream().map(u -> (String) u.get("property")).collect(Collectors.joining(" or ")));
        model.put("refNames", refs.stream().map(r -> (String) r.get("property")).collect(Collectors.joining(", ")));
        model.put("firstUnique", uniques.isEmpty() ? List.of() : List.of(uniques.getFirst()));
        model.put("firstRef", refs.isEmpty() ? List.of() : List.of(refs.getFirst()));
        model.put("firstInvalid", TestModel.firstPatchInvalid(entity));
        model.put("refEntities", TestModel.refEntities(entity, scaffolded));
        model.put("matrixBody", TestModel.matrixBody(entity));
        return model;
    }

    static Map<String, Object> names(EntityDefinition entity) {
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("Entity", entity.name());
        names.put("entity", entity.variable());
        names.put("table", entity.table());
        names.put("plural", entity.plural());
        names.put("path", entity.path());
        names.put("words", entity.words());
        names.put("pluralWords", entity.pluralWords());
        names.put("PluralWords", capitalizedWords(entity.pluralWords()));
        names.put("entityWords", entity.words());
        return names;
    }

    private static List<Map<String, Object>> constants(List<String> values) {
        List<Map<String, Object>> constants = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            constants.add(Map.of("value", values.get(i), "last", i == values.size() - 1));
        }
        return constants;
    }

    private static String variable(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String capitalizedWords(String words) {
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
