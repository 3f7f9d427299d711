package dev.bulwark.cli.entity;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders the templates under {@code templates/entity/} for one entity: project-relative path → content. */
final class EntityFiles {

    static final String TEMPLATES = "/templates/entity/";

    /** Main-code templates and the class name each becomes ({@code %s} is the entity's name). */
    private static final Map<String, String> MAIN = new LinkedHashMap<>();

    static {
        MAIN.put("package-info", "package-info");
        MAIN.put("Entity", "%s");
        MAIN.put("NewEntity", "New%s");
        MAIN.put("EntityUpdate", "%sUpdate");
        MAIN.put("EntityView", "%sView");
        MAIN.put("EntityRepository", "%sRepository");
        MAIN.put("EntityService", "%sService");
        MAIN.put("EntityQueries", "%sQueries");
        MAIN.put("EntityController", "%sController");
        MAIN.put("EntityProblem", "%sProblem");
    }

    private static final Map<String, String> TEST =
            Map.of("EntityTests", "%sTests", "EntityAccessRows", "%sAccessRows");

    private static final Mustache.Compiler MUSTACHE =
            Mustache.compiler().escapeHTML(false).defaultValue("").emptyStringIsFalse(true);

    private EntityFiles() {}

    /** The module folder and the test folder; the migration is {@link #createMigration}. */
    static Map<String, String> render(Map<String, Object> model, String packagePath, String entity) {
        String module = (String) model.get("module");
        Map<String, String> files = new LinkedHashMap<>();
        String main = "src/main/java/" + packagePath + "/" + module + "/";
        MAIN.forEach((template, name) ->
                files.put(main + name.formatted(entity) + ".java", render("main/" + template + ".java", model)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> enums = (List<Map<String, Object>>) model.get("enums");
        for (Map<String, Object> type : enums) {
            Map<String, Object> enumModel = new LinkedHashMap<>(model);
            enumModel.putAll(type);
            files.put(main + type.get("type") + ".java", render("main/Enum.java", enumModel));
        }
        String test = "src/test/java/" + packagePath + "/" + module + "/";
        TEST.forEach((template, name) ->
                files.put(test + name.formatted(entity) + ".java", render("test/" + template + ".java", model)));
        return files;
    }

    static String createMigration(Map<String, Object> model) {
        return render("migration/create.sql", model);
    }

    static String dropMigration(Map<String, Object> model) {
        return render("migration/drop.sql", model);
    }

    /** The simple names the templates import: an entity of such a name would shadow one of them. */
    static Set<String> importedNames() {
        Set<String> names = new TreeSet<>();
        Pattern imported = Pattern.compile("(?m)^import (?:static )?[\\w.{}]+\\.(\\w+);");
        for (String template : List.of(
                "main/Entity.java",
                "main/NewEntity.java",
                "main/EntityUpdate.java",
                "main/EntityView.java",
                "main/EntityRepository.java",
                "main/EntityService.java",
                "main/EntityQueries.java",
                "main/EntityController.java",
                "main/EntityProblem.java",
                "test/EntityTests.java",
                "test/EntityAccessRows.java")) {
            Matcher matcher = imported.matcher(source(template));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static String render(String template, Map<String, Object> model) {
        Template compiled = MUSTACHE.compile(source(template));
        return compiled.execute(model);
    }

    private static String source(String template) {
        String path = TEMPLATES + template + ".mustache";
        try (InputStream in = EntityFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
