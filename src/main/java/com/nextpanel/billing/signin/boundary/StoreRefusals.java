package com.nextpanel.billing.signin.boundary;

import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.ProblemJson;
import com.nextpanel.billing.platform.Refusal;
import com.nextpanel.billing.signin.entity.LinkRefused;
import com.nextpanel.billing.signin.entity.SignInThrottled;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The sign-in component's own refusals, as problem+json. */
public final class StoreRefusals {

    private StoreRefusals() {
    }

    /** An emailed link that does not work: the customer asks for a new one. */
    @Provider
    public static class Links implements ExceptionMapper<LinkRefused> {
        @Override
        public Response toResponse(LinkRefused e) {
            return ProblemJson.response(new Refusal(ErrorCode.INVALID_LINK, e.getMessage()));
        }
    }

    /** Too many failed sign-ins: 429, and Retry-After says when to try again. */
    @Provider
    public static class Throttled implements ExceptionMapper<SignInThrottled> {
        @Override
        public Response toResponse(SignInThrottled e) {
            Refusal refusal = new Refusal(ErrorCode.TOO_MANY_SIGN_INS, e.getMessage())
                    .with("retry_after_seconds", e.retryAfter().toSeconds());
            return Response.fromResponse(ProblemJson.response(refusal))
                    .header("Retry-After", e.retryAfter().toSeconds()).build();
        }
    }
}
