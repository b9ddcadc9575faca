package com.nextpanel.billing.hosting.boundary;

import com.nextpanel.billing.hosting.entity.IllegalAccountTransition;
import com.nextpanel.billing.platform.ProblemJson;
import com.nextpanel.billing.platform.Refusal;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An action the account's state does not allow is a conflict with that state. */
@Provider
public class AccountTransitions implements ExceptionMapper<IllegalAccountTransition> {

    @Override
    public Response toResponse(IllegalAccountTransition e) {
        return ProblemJson.response(Refusal.conflict(e.getMessage()));
    }
}
