package com.nextpanel.billing.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The WHERE clause of a list whose filters are all optional: a condition counts only when its
 * value is given, and its parameter is bound with it. One page and its total share the filter.
 */
public final class OptionalFilters {

    private final StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Adds {@code condition} (naming {@code :parameter}) unless {@code value} is null. */
    public OptionalFilters and(String condition, String parameter, Object value) {
        if (value != null) {
            where.add(condition);
            parameters.put(parameter, value);
        }
        return this;
    }

    /** A LIKE pattern for text that starts with {@code text}, taken literally; null for null. */
    public static String startingWith(String text) {
        return text == null ? null : literal(text) + "%";
    }

    /** A LIKE pattern for text that contains {@code text}, taken literally; null for null. */
    public static String containing(String text) {
        return text == null ? null : "%" + literal(text) + "%";
    }

    private static String literal(String text) {
        return text.replace("\\", "").replace("%", "").replace("_", "\\_");
    }

    /**
     * The requested page of the entities that match, newest first: ordered by {@code newestFirst}
     * (JPQL paths, each descending; each ascending when the request asks for oldest first), with
     * their number counted up to {@link Page#COUNTED}. {@code entity} is "Entity alias", and the
     * entity's key is {@code alias.id}.
     */
    public <T> Page<T> page(EntityManager em, String entity, Class<T> type, Page.Request request, String... newestFirst) {
        String alias = entity.substring(entity.lastIndexOf(' ') + 1);
        String direction = request.oldestFirst() ? " ASC" : " DESC";
        String order = Arrays.stream(newestFirst).map(key -> key + direction).collect(Collectors.joining(", ", " ORDER BY ", ""));
        List<T> rows = query(em, "SELECT " + alias + " FROM " + entity, order, type)
                .setFirstResult(request.offset()).setMaxResults(request.size() + 1).getResultList();
        boolean hasMore = rows.size() > request.size();
        List<T> items = hasMore ? rows.subList(0, request.size()) : rows;
        if (!hasMore && (!items.isEmpty() || request.offset() == 0)) {
            return new Page<>(items, request.offset() + items.size(), true, false, request.page(), request.size());
        }
        // Is there a match past the cap? A walk that stops there, where a COUNT would read them all.
        boolean overCap = !query(em, "SELECT " + alias + ".id FROM " + entity, "", Long.class)
                .setFirstResult(Page.COUNTED).setMaxResults(1).getResultList().isEmpty();
        if (overCap) {
            return new Page<>(items, Page.COUNTED, false, hasMore, request.page(), request.size());
        }
        long total = query(em, "SELECT COUNT(" + alias + ") FROM " + entity, "", Long.class).getSingleResult();
        return new Page<>(items, total, true, hasMore, request.page(), request.size());
    }

    /** {@code select} + the conditions given + {@code order}, parameters bound. */
    private <T> TypedQuery<T> query(EntityManager em, String select, String order, Class<T> type) {
        TypedQuery<T> query = em.createQuery(select + where + order, type);
        parameters.forEach(query::setParameter);
        return query;
    }
}
