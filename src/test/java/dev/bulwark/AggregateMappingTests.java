package dev.bulwark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every aggregate Spring Data JDBC maps, against the schema the migrations made: each mapped column exists, and each
 * column an insert must fill (NOT NULL, no default) is mapped. Generated capabilities are checked too, as they join
 * the mapping. Spring Data JDBC checks nothing at start; this is the check a wrong mapping meets first.
 */
@IntegrationTest
class AggregateMappingTests {

    @Autowired
    RelationalMappingContext mapping;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyAggregateMatchesTheMigratedSchema() {
        List<RelationalPersistentEntity<?>> roots = mapping.getPersistentEntities().stream()
                .filter(PersistentEntity::hasIdProperty)
                .toList();
        assertThat(roots)
                .extracting(entity -> entity.getType().getName())
                .contains(
                        "dev.bulwark.account.Account",
                        "dev.bulwark.access.Role",
                        "dev.bulwark.auth.AuthSession",
                        "dev.bulwark.auth.RefreshToken");
        List<String> problems = new ArrayList<>();
        roots.forEach(root -> check(root, null, null, problems));
        assertThat(problems).isEmpty();
    }

    private void check(
            RelationalPersistentEntity<?> entity,
            @Nullable RelationalPersistentEntity<?> owner,
            @Nullable RelationalPersistentProperty via,
            List<String> problems) {
        String table = entity.getTableName().getReference();
        Map<String, Boolean> columns = columns(table);
        if (columns.isEmpty()) {
            problems.add(entity.getType().getName() + ": no table " + table);
            return;
        }
        Set<String> mapped = new HashSet<>();
        if (owner != null && via != null) {
            mapped.add(via.getReverseColumnName(owner).getReference());
        }
        for (RelationalPersistentProperty property : entity) {
            if (property.isEntity()) {
                check(mapping.getRequiredPersistentEntity(property.getActualType()), entity, property, problems);
            } else {
                mapped.add(property.getColumnName().getReference());
            }
        }
        mapped.stream()
                .filter(column -> !columns.containsKey(column))
                .forEach(column -> problems.add(table + "." + column + " is mapped but not in the schema"));
        columns.entrySet().stream()
                .filter(column -> column.getValue() && !mapped.contains(column.getKey()))
                .forEach(column -> problems.add(table + "." + column.getKey() + " must be filled but is not mapped"));
    }

    /** The table's columns, each with whether an insert must give it a value (NOT NULL without a default). */
    private Map<String, Boolean> columns(String table) {
        return jdbc
                .sql("SELECT column_name, is_nullable = 'NO' AND column_default IS NULL AS required"
                        + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?")
                .param(table)
                .query((row, number) -> Map.entry(row.getString(1), row.getBoolean(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
