package com.nextpanel.billing.panel;

import com.nextpanel.billing.platform.JsonValues;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns the panel's error answers and transport failures into {@link PanelException}s. */
public class PanelErrors implements ResponseExceptionMapper<PanelException> {

    /** Every answer but a 2xx: a redirect (a proxy, an http→https move) is not the panel saying it did it. */
    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status < 200 || status >= 300;
    }

    @Override
    public PanelException toThrowable(Response response) {
        int status = response.getStatus();
        if (status < 400) {
            return new PanelUnavailable(PanelException.Kind.PANEL_ERROR, status,
                    "Unexpected answer " + status + " " + response.getStatusInfo().getReasonPhrase(), null);
        }
        String detail = detailOf(response);
        PanelException.Kind kind = switch (status) {
            case 401, 403 -> PanelException.Kind.CREDENTIALS_REJECTED;
            case 404 -> PanelException.Kind.NOT_FOUND;
            case 429 -> PanelException.Kind.RATE_LIMITED;
            default -> status >= 500 ? PanelException.Kind.PANEL_ERROR : PanelException.Kind.REJECTED;
        };
        if (kind == PanelException.Kind.PANEL_ERROR) {
            return new PanelUnavailable(kind, status, detail, null);
        }
        Duration retryAfter = status == 429 ? RetryAfter.of(response.getHeaderString("Retry-After"), Instant.now()) : null;
        return new PanelException(kind, status, detail, retryAfter, null);
    }

    /** A failure before any answer: refused or unknown host, or no answer in time. */
    static PanelException transportFailure(ProcessingException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof SocketTimeoutException && !message.contains("connect")) {
            return new PanelUnavailable(PanelException.Kind.TIMEOUT, 0, message, e);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
            return new PanelUnavailable(PanelException.Kind.UNREACHABLE, 0, message, e);
        }
        return new PanelUnavailable(PanelException.Kind.PANEL_ERROR, 0, message, e);
    }

    private static String detailOf(Response response) {
        String body;
        try {
            body = response.readEntity(String.class);
        } catch (RuntimeException e) {
            return response.getStatusInfo().getReasonPhrase();
        }
        return detailOf(body, response.getStatusInfo().getReasonPhrase());
    }

    /**
     * The panel's words in an error body: FastAPI's {"detail": "…"}, or its 422 list of
     * {loc, msg, type, input}, of which only where and what: {@code input} echoes the request.
     */
    static String detailOf(String body, String reasonPhrase) {
        if (body == null || body.isBlank()) {
            return reasonPhrase;
        }
        try (var reader = JsonValues.reader(body)) {
            JsonValue detail = reader.readObject().get("detail");
            if (detail instanceof JsonString text) {
                return text.getString();
            }
            if (detail instanceof JsonArray problems) {
                String listed = problems.stream().filter(p -> p instanceof JsonObject o && o.get("msg") instanceof JsonString)
                        .map(JsonValue::asJsonObject).map(PanelErrors::locatedMessage)
                        .collect(Collectors.joining("; "));
                return listed.isEmpty() ? reasonPhrase : listed;
            }
            return detail == null ? body : detail.toString();
        } catch (RuntimeException notJson) {
            return body;
        }
    }

    /** {"loc": ["body", "email"], "msg": "Field required"} → "body.email: Field required". */
    private static String locatedMessage(JsonObject problem) {
        String message = problem.getString("msg");
        if (!(problem.get("loc") instanceof JsonArray loc) || loc.isEmpty()) {
            return message;
        }
        String where = loc.stream().map(part -> part instanceof JsonString text ? text.getString() : part.toString())
                .collect(Collectors.joining("."));
        return where + ": " + message;
    }

    static JsonObject empty() {
        return JsonValue.EMPTY_JSON_OBJECT;
    }
}
