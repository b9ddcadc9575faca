package com.nextpanel.billing.panel;

/**
 * A {@link PanelException} of the kinds that a prompt repeat may cure (unreachable, timeout,
 * 5xx): its own class so that Fault Tolerance's @Retry can name it.
 */
public class PanelUnavailable extends PanelException {

    public PanelUnavailable(Kind kind, int status, String panelDetail, Throwable cause) {
        super(kind, status, panelDetail, null, cause);
    }
}
