package dev.bulwark.cli.entity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The values only the generated tests read: the entities to create first, a refused update, the matrix's body. */
final class TestModel {

    private TestModel() {}

    /** The entities a test must create first, nearest first: those its references name, and theirs in turn. */
    static List<Map<String, Object>> refEntities(EntityDefinition entity, Map<String, EntityDefinition> scaffolded) {
        Map<String, Map<String, Object>> needed = new LinkedHashMap<>();
        List<EntityDefinition> queue = new ArrayList<>(List.of(entity));
        while (!queue.isEmpty()) {
            EntityDefinition next = queue.removeFirst();
            for (Field field : next.fields()) {
                EntityDefinition target = field.ref() == null ? null : scaffolded.get(field.ref());
                if (target != null && !needed.containsKey(target.name())) {
                    Map<String, Object> model = EntityModel.names(target);
                    model.put("entityWords", next.words());
                    model.put(
                            "fields",
                            target.fields().stream()
                                    .map(f -> Map.<String, Object>of(
                                            "sampleLine",
                                            new FieldSamples(f)
                                                    .sampleLine(f.ref() == null ? null : "create" + f.ref())))
                                    .toList());
                    needed.put(target.name(), model);
                    queue.add(target);
                }
            }
        }
        return List.copyOf(needed.values());
    }

    /** The first field with a value a partial update refuses: the PATCH test sends it. */
    static List<Map<String, Object>> firstPatchInvalid(EntityDefinition entity) {
        for (Field field : entity.fields()) {
            for (String invalid : new FieldSamples(field).invalids()) {
                String json = invalid.substring(invalid.indexOf(", ") + 2, invalid.length() - 1);
                if (!json.equals("null")) {
                    return List.of(Map.of(
                            "field",
                            field.property(),
                            "patchInvalid",
                            "\"{\\\"" + field.property() + "\\\":\" + " + json + " + \",\\\"version\\\":\" + version"
                                    + " + \"}\""));
                }
            }
        }
        return List.of();
    }

    /** A create body that passes validation, as the Java literal the access matrix row holds. */
    static String matrixBody(EntityDefinition entity) {
        String json = entity.fields().stream()
                .filter(f -> f.required() || f.unique())
                .map(f -> "\"" + f.property() + "\":" + new FieldSamples(f).fixedJson())
                .collect(Collectors.joining(",", "{", "}"));
        return json.replace("\"", "\\\"");
    }
}
