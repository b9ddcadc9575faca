package com.nextpanel.billing.panel;

import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;

/** How a failed panel call is told to our API's callers: the panel's own words, our error code. */
public final class PanelProblems {

    private PanelProblems() {
    }

    public static Refusal of(PanelException e) {
        ErrorCode code = switch (e.kind()) {
            case UNREACHABLE, TIMEOUT -> ErrorCode.PANEL_UNREACHABLE;
            case PANEL_ERROR -> ErrorCode.PANEL_ERROR;
            case ISOLATED, RATE_LIMITED -> ErrorCode.PANEL_BUSY;
            case CREDENTIALS_REJECTED -> ErrorCode.PANEL_CREDENTIALS_REJECTED;
            case NOT_FOUND -> ErrorCode.PANEL_ACCOUNT_NOT_FOUND;
            case REJECTED -> saysItExists(e.panelDetail()) ? ErrorCode.PANEL_REFUSED_DUPLICATE : ErrorCode.PANEL_REFUSED;
        };
        Refusal refusal = new Refusal(code, e.getMessage());
        e.retryAfter().ifPresent(wait -> refusal.with("retry_after_seconds", Math.max(1, wait.toSeconds())));
        return refusal.with("panel_detail", e.panelDetail());
    }

    /** The panel has no error codes, only FastAPI's detail text ("Username already exists"). */
    public static boolean saysItExists(String panelDetail) {
        return panelDetail != null && panelDetail.toLowerCase(java.util.Locale.ROOT).contains("exist");
    }
}
