package com.nextpanel.billing.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The entities and the migrations agree: every column an entity maps exists in its table, and
 * every column its table requires (NOT NULL, no default) is one the entity writes. A column added
 * to one side only fails here, not on the first insert in production. No application server: the
 * migrations run straight on a database of their own.
 */
class SchemaIT {

    private static final Path CLASSES = Path.of("target/classes");
    private static String url;

    @BeforeAll
    static void migrate() throws SQLException {
        url = TestEnvironment.freshDatabase("billing_schema");
        Flyway.configure().dataSource(url, System.getProperty("it.db.user"), System.getProperty("it.db.password"))
                .locations("classpath:db/migration").load().migrate();
    }

    @Test
    void everyEntityColumnExistsInItsTableAndEveryRequiredColumnIsMapped() throws Exception {
        List<Class<?>> entities = entities();
        assertThat(entities).as("entities found under " + CLASSES).hasSizeGreaterThanOrEqualTo(15);
        List<String> disagreements = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, System.getProperty("it.db.user"),
                System.getProperty("it.db.password"))) {
            for (Class<?> entity : entities) {
                String table = entity.getAnnotation(Table.class).name();
                Set<String> mapped = mappedColumns(entity);
                Set<String> existing = columns(c, table, false);
                assertThat(existing).as("table " + table + " of " + entity.getSimpleName()).isNotEmpty();
                for (String column : mapped) {
                    if (!existing.contains(column)) {
                        disagreements.add(entity.getSimpleName() + " maps " + table + "." + column + ", which no migration makes");
                    }
                }
                for (String column : columns(c, table, true)) {
                    if (!mapped.contains(column)) {
                        disagreements.add(table + "." + column + " is required (NOT NULL, no default), but "
                                + entity.getSimpleName() + " does not write it");
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    /** Every @Entity among the application's compiled classes. */
    private static List<Class<?>> entities() throws IOException, ClassNotFoundException {
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve("com/nextpanel/billing"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, SchemaIT.class.getClassLoader());
                if (type.isAnnotationPresent(Entity.class)) {
                    found.add(type);
                }
            }
        }
        return found;
    }

    /** The columns an entity's fields map, named as EclipseLink names them (unquoted, so lower case here). */
    private static Set<String> mappedColumns(Class<?> entity) {
        Set<String> mapped = new TreeSet<>();
        for (Class<?> type = entity; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                        || field.isAnnotationPresent(Transient.class) || field.isAnnotationPresent(CollectionTable.class)) {
                    continue;
                }
                if (field.isAnnotationPresent(Embedded.class)) {
                    mapped.addAll(embeddedColumns(field));
                    continue;
                }
                Column column = field.getAnnotation(Column.class);
                JoinColumn join = field.getAnnotation(JoinColumn.class);
                String name = column != null && !column.name().isEmpty() ? column.name()
                        : join != null && !join.name().isEmpty() ? join.name() : field.getName();
                if (column != null || join != null || field.isAnnotationPresent(Id.class) || isBasic(field)) {
                    mapped.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return mapped;
    }

    /** An @Embedded value's columns: its own fields', renamed by the owner's @AttributeOverride. */
    private static Set<String> embeddedColumns(Field owner) {
        Set<String> mapped = new TreeSet<>();
        for (Field part : owner.getType().getDeclaredFields()) {
            if (Modifier.isStatic(part.getModifiers())) {
                continue;
            }
            String name = Stream.of(owner.getAnnotationsByType(AttributeOverride.class))
                    .filter(override -> override.name().equals(part.getName()))
                    .map(override -> override.column().name()).findFirst()
                    .orElseGet(() -> part.isAnnotationPresent(Column.class) && !part.getAnnotation(Column.class).name().isEmpty()
                            ? part.getAnnotation(Column.class).name() : part.getName());
            mapped.add(name.toLowerCase(Locale.ROOT));
        }
        return mapped;
    }

    private static boolean isBasic(Field field) {
        return !field.getType().isAnnotationPresent(Entity.class) && !java.util.Collection.class.isAssignableFrom(field.getType());
    }

    /** The table's columns; with {@code requiredOnly}, those an insert must give (NOT NULL, no default, not generated). */
    private static Set<String> columns(Connection c, String table, boolean requiredOnly) throws SQLException {
        String sql = "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?"
                + (requiredOnly ? " AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'"
                        + " AND is_generated = 'NEVER'" : "");
        Set<String> columns = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, table);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }
}
