package com.nextpanel.billing.panel;

import com.nextpanel.billing.platform.JsonValues;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/** One panel, spoken to through its REST client; every failure comes out as a {@link PanelException}. */
public class PanelClient {

    private final NextPanelApi api;
    private final PanelEndpoint endpoint;

    PanelClient(NextPanelApi api, PanelEndpoint endpoint) {
        this.api = api;
        this.endpoint = endpoint;
    }

    public PanelEndpoint endpoint() {
        return endpoint;
    }

    public JsonObject health() {
        return call(api::health);
    }

    /**
     * Proves the credentials with an authenticated read: the panel has no "who am I" call, so we
     * ask for account 0, which cannot exist — 404 means the key and secret were accepted.
     */
    public void verifyCredentials() {
        try {
            call(() -> api.account(0));
        } catch (PanelException e) {
            if (e.kind() != PanelException.Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    public JsonObject createAccount(JsonObject account) {
        return call(() -> api.createAccount(account));
    }

    public JsonObject account(long panelUserId) {
        return call(() -> api.account(panelUserId));
    }

    /** Suspends the panel user; answers the panel's HTTP status (a refusal is thrown). */
    public int suspend(long panelUserId, String reason) {
        return acknowledged(() -> api.suspend(panelUserId, JsonValues.object().add("reason", reason).build()));
    }

    public int unsuspend(long panelUserId) {
        return acknowledged(() -> api.unsuspend(panelUserId));
    }

    public int delete(long panelUserId) {
        return acknowledged(() -> api.delete(panelUserId));
    }

    public JsonObject stats(long panelUserId) {
        return call(() -> api.stats(panelUserId));
    }

    private static JsonObject call(Supplier<JsonObject> request) {
        JsonObject answer = transported(request);
        return answer == null ? PanelErrors.empty() : answer;
    }

    /**
     * An action whose answer's body is not read, only closed, so that its connection is kept.
     * Anything but a 2xx was thrown already ({@link PanelErrors}).
     */
    private static int acknowledged(Supplier<Response> request) {
        try (Response answer = transported(request)) {
            return answer.getStatus();
        }
    }

    private static <T> T transported(Supplier<T> request) {
        try {
            return request.get();
        } catch (ProcessingException e) {
            if (e.getCause() instanceof PanelException panel) {
                throw panel;
            }
            throw PanelErrors.transportFailure(e);
        }
    }
}
