package com.nextpanel.billing.panel;

import com.nextpanel.billing.platform.JsonValues;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
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

    public JsonObject suspend(long panelUserId, String reason) {
        return call(() -> api.suspend(panelUserId, JsonValues.object().add("reason", reason).build()));
    }

    public JsonObject unsuspend(long panelUserId) {
        return call(() -> api.unsuspend(panelUserId));
    }

    public JsonObject delete(long panelUserId) {
        return call(() -> api.delete(panelUserId));
    }

    public JsonObject stats(long panelUserId) {
        return call(() -> api.stats(panelUserId));
    }

    private static JsonObject call(Supplier<JsonObject> request) {
        try {
            JsonObject answer = request.get();
            return answer == null ? PanelErrors.empty() : answer;
        } catch (ProcessingException e) {
            if (e.getCause() instanceof PanelException panel) {
                throw panel;
            }
            throw PanelErrors.transportFailure(e);
        }
    }
}
