package com.nextpanel.billing.platform;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/** Writes problem+json bodies; the one place that knows their shape. */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemJson() {
    }

    public static Response response(Refusal refusal) {
        return response(ProblemMappers.problemOf(refusal));
    }

    static Response response(Problem problem) {
        return Response.status(problem.status())
                .type(MEDIA_TYPE)
                .entity(body(problem))
                .build();
    }

    /**
     * Answers a servlet request with the problem, for refusals outside JAX-RS (the security
     * mechanism, the container's error page).
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, Refusal refusal)
            throws IOException {
        write(request, response, ProblemMappers.problemOf(refusal));
    }

    static void write(HttpServletRequest request, HttpServletResponse response, Problem problem)
            throws IOException {
        SecurityHeaders.apply(response);
        response.setStatus(problem.status());
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body(problem, RequestIds.of(request, response)));
    }

    static String body(Problem problem) {
        return body(problem, RequestIds.current());
    }

    static String body(Problem problem, String requestId) {
        JsonObjectBuilder json = JsonValues.object()
                .add("type", "/problems/" + problem.type())
                .add("title", problem.title())
                .add("status", problem.status())
                .add("detail", problem.detail() == null ? problem.title() : problem.detail());
        if (requestId != null) {
            json.add("request_id", requestId);
        }
        problem.extensions().forEach((name, value) -> json.add(name, toJson(value)));
        return json.build().toString();
    }

    @SuppressWarnings("unchecked")
    private static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof Number number) {
            return JsonValues.of(number.longValue());
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Map<?, ?> map) {
            var object = JsonValues.object();
            ((Map<String, Object>) map).forEach((k, v) -> object.add(k, toJson(v)));
            return object.build();
        }
        if (value instanceof Collection<?> items) {
            var array = JsonValues.array();
            items.forEach(item -> array.add(toJson(item)));
            return array.build();
        }
        return JsonValues.of(value.toString());
    }
}
