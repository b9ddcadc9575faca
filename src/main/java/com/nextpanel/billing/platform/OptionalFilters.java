package com.nextpanel.billing.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

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

    /** {@code select} + the conditions given + {@code order}, parameters bound. */
    public <T> TypedQuery<T> query(EntityManager em, String select, String order, Class<T> type) {
        TypedQuery<T> query = em.createQuery(select + where + order, type);
        parameters.forEach(query::setParameter);
        return query;
    }
}
