package com.nextpanel.billing.platform;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One page of a listing: {"items": [...], "total": n, "total_exact": b, "has_more": b, "page": p,
 * "size": s}. Pages count from 1.
 * <p>
 * The lists that grow with the business count their matches up to {@link #COUNTED}; beyond that,
 * total is COUNTED and total_exact false ("more than 10,000"): an exact count would read every
 * match, a million of them for a big host's accounts, on every page. has_more says whether a next
 * page exists, and order=asc lists oldest first, so the oldest page is as quick as the newest.
 */
public record Page<T>(List<T> items, long total, boolean totalExact, boolean hasMore, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    public static final int COUNTED = 10_000;

    /** A page of a list counted in full. */
    public Page(List<T> items, long total, int page, int size) {
        this(items, total, true, (long) page * size < total, page, size);
    }

    public <R> Page<R> map(Function<T, R> view) {
        return new Page<>(items.stream().map(view).toList(), total, totalExact, hasMore, page, size);
    }

    /** Checks the page request a client sent, and refuses nonsense with a clear reason. */
    public static Request request(Integer page, Integer size) {
        return request(page, size, null);
    }

    /** As {@link #request(Integer, Integer)}, with the order: "desc" (the default, newest first) or "asc". */
    public static Request request(Integer page, Integer size, String order) {
        int p = page == null ? 1 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 1) {
            throw Refusal.invalid("page must be 1 or more, not " + p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw Refusal.invalid("size must be between 1 and " + MAX_SIZE + ", not " + s);
        }
        if ((long) (p - 1) * s > Integer.MAX_VALUE) {
            // the row offset must fit the int that JPA's setFirstResult takes
            throw Refusal.invalid("page " + p + " is beyond any listing at size " + s);
        }
        String o = order == null || order.isBlank() ? "desc" : order.trim().toLowerCase(Locale.ROOT);
        if (!o.equals("desc") && !o.equals("asc")) {
            throw Refusal.invalid("order must be asc or desc, not '" + order + "'");
        }
        return new Request(p, s, o.equals("asc"));
    }

    /** A checked page request. */
    public record Request(int page, int size, boolean oldestFirst) {
        public int offset() {
            return (page - 1) * size;
        }
    }
}
