package com.nextpanel.billing.platform;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error leaves the API as problem+json; the mappers are kept together so they stay alike. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** The HTTP status of each kind of refusal: the one place that knows it. */
    static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_INPUT, INVALID_FIELDS, MALFORMED_JSON, INVALID_LINK -> 400;
            case UNAUTHORIZED, SIGN_IN_FAILED -> 401;
            case CSRF_TOKEN_MISSING, CROSS_SITE, EMAIL_NOT_VERIFIED -> 403;
            case NOT_FOUND, PANEL_ACCOUNT_NOT_FOUND -> 404;
            case CONFLICT, PANEL_REFUSED_DUPLICATE -> 409;
            case PLAN_NOT_FOR_SALE, CURRENCY_MISMATCH, AMOUNT_ABOVE_OWED, INVALID_RECIPIENT,
                    PAYMENT_METHOD_NOT_OFFERED, NOT_AN_INVOICE_SESSION, UNKNOWN_SERVER, CONNECTION_TEST_UNREACHABLE,
                    CONNECTION_TEST_CREDENTIALS_REJECTED, PANEL_REFUSED -> 422;
            case TOO_MANY_FAILED_TOKENS, TOO_MANY_SIGN_INS -> 429;
            case PANEL_UNREACHABLE, PANEL_CREDENTIALS_REJECTED, PANEL_ERROR, NEEDS_ATTENTION, STRIPE_UNAVAILABLE -> 502;
            case SERVER_NOT_AVAILABLE, PANEL_BUSY, CARD_PAYMENTS_NOT_CONFIGURED, UNAVAILABLE -> 503;
        };
    }

    static Problem problemOf(Refusal refusal) {
        return new Problem(status(refusal.code()), refusal.code().type(), refusal.title(), refusal.detail(),
                refusal.extensions());
    }

    @Provider
    public static class Refusals implements ExceptionMapper<Refusal> {
        @Override
        public Response toResponse(Refusal refusal) {
            return ProblemJson.response(refusal);
        }
    }

    /** 404, 405, 415, 406 and friends that JAX-RS raises itself. */
    @Provider
    public static class HttpErrors implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            if (status >= 500) {
                return unexpected(e);
            }
            Response.StatusType info = original.getStatusInfo();
            Problem problem = new Problem(status, "http-" + status, info.getReasonPhrase(), detailFor(status, e));
            Response.ResponseBuilder answer = Response.fromResponse(ProblemJson.response(problem));
            if (original.getHeaderString("Allow") != null) {
                answer.header("Allow", original.getHeaderString("Allow"));
            }
            return answer.build();
        }

        private static String detailFor(int status, WebApplicationException e) {
            return switch (status) {
                case 403 -> "Your operator role may not do this: it needs the ADMIN role";
                case 404 -> "No resource at this path";
                case 405 -> "This method is not allowed here";
                case 415 -> "Send the body as application/json";
                case 406 -> "This resource answers application/json only";
                default -> e.getCause() instanceof jakarta.ws.rs.core.NoContentException ? "This call needs a JSON body"
                        : e.getCause() instanceof JsonbException || e.getCause() instanceof JsonParsingException
                        ? malformed(e.getCause()) : e.getMessage();
            };
        }
    }

    @Provider
    public static class BeanValidation implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<Map<String, Object>> errors = e.getConstraintViolations().stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> Map.<String, Object>of("field", fieldOf(v), "message", v.getMessage()))
                    .toList();
            String detail = errors.size() == 1
                    ? errors.get(0).get("field") + ": " + errors.get(0).get("message")
                    : errors.size() + " fields are invalid";
            return ProblemJson.response(new Refusal(ErrorCode.INVALID_FIELDS, detail).with("errors", errors));
        }

        /** "register.arg0.apiKey" → "api_key": the name the client sent. */
        private static String fieldOf(ConstraintViolation<?> violation) {
            String field = null;
            for (Path.Node node : violation.getPropertyPath()) {
                switch (node.getKind()) {
                    case PROPERTY, CONTAINER_ELEMENT -> field = node.getName();
                    default -> { }
                }
            }
            return field == null ? "body" : Naming.snakeCase(field);
        }
    }

    /** A body we could not read is the client's mistake; an answer we could not write is ours. */
    @Provider
    public static class MalformedJson implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            if (whileWriting(e)) {
                return unexpected(e);
            }
            return ProblemJson.response(new Refusal(ErrorCode.MALFORMED_JSON, malformed(e)));
        }

        private static boolean whileWriting(Throwable e) {
            for (StackTraceElement frame : e.getStackTrace()) {
                if (frame.getMethodName().equals("writeTo") || frame.getMethodName().equals("toJson")) {
                    return true;
                }
                if (frame.getMethodName().equals("readFrom") || frame.getMethodName().equals("fromJson")) {
                    return false;
                }
            }
            return false;
        }
    }

    /** JAX-RS wraps a body it could not read; anything else of this kind is our own fault. */
    @Provider
    public static class MalformedBody implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            boolean unreadableBody = e.getCause() instanceof JsonbException
                    || e.getCause() instanceof JsonParsingException;
            return unreadableBody
                    ? ProblemJson.response(new Refusal(ErrorCode.MALFORMED_JSON, malformed(e)))
                    : unexpected(e);
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return unexpected(e);
        }
    }

    static Response unexpected(Throwable e) {
        Optional<Refusal> raced = UniqueViolations.in(e);
        if (raced.isPresent()) {
            LOG.log(Level.FINE, "A unique index refused a write", e);
            return ProblemJson.response(raced.get());
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
        return ProblemJson.response(new Problem(500, "internal", "Internal Server Error",
                "An unexpected error occurred; quote reference " + reference + " to the operator",
                Map.of("reference", reference)));
    }

    private static String malformed(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null ? "" : ": " + root.getMessage();
        return "The request body is not valid JSON for this call" + reason;
    }
}
