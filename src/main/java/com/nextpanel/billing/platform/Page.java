package com.nextpanel.billing.platform;

import java.util.List;

/** One page of a listing: {"items": [...], "total": n, "page": p, "size": s}. Pages count from 1. */
public record Page<T>(List<T> items, long total, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** Checks the page request a client sent, and refuses nonsense with a clear reason. */
    public static Request request(Integer page, Integer size) {
        int p = page == null ? 1 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 1) {
            throw Problem.badRequest("page must be 1 or more, not " + p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw Problem.badRequest("size must be between 1 and " + MAX_SIZE + ", not " + s);
        }
        if ((long) (p - 1) * s > Integer.MAX_VALUE) {
            // the row offset must fit the int that JPA's setFirstResult takes
            throw Problem.badRequest("page " + p + " is beyond any listing at size " + s);
        }
        return new Request(p, s);
    }

    /** A checked page request. */
    public record Request(int page, int size) {
        public int offset() {
            return (page - 1) * size;
        }
    }
}
