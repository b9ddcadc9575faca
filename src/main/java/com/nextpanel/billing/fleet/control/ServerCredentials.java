package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.fleet.entity.PanelServer;
import com.nextpanel.billing.fleet.entity.SealedCredentials;
import com.nextpanel.billing.panel.PanelCredentials;
import com.nextpanel.billing.panel.PanelEndpoint;
import com.nextpanel.billing.security.SealedColumn;
import com.nextpanel.billing.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** Seals panel credentials for storage, each to its server's row, and opens them only to build a panel client. */
@ApplicationScoped
public class ServerCredentials {

    static final SealedColumn API_KEYS = new SealedColumn("panel_server", "api_key_sealed");
    static final SealedColumn API_SECRETS = new SealedColumn("panel_server", "api_secret_sealed");

    @Inject
    SecretCipher cipher;

    public SealedCredentials seal(PanelCredentials credentials, long serverId) {
        return new SealedCredentials(cipher.seal(credentials.apiKey(), API_KEYS.at(serverId)),
                cipher.seal(credentials.apiSecret(), API_SECRETS.at(serverId)), credentials.keyHint());
    }

    public PanelEndpoint endpointOf(PanelServer server, Duration readTimeout) {
        return new PanelEndpoint(server.id(), server.baseUrl(), open(server), server.credentialsVersion(), readTimeout);
    }

    /** Whether the server's secrets are already sealed to its row with the current master key. */
    public boolean sealedWithCurrentKey(PanelServer server) {
        SealedCredentials sealed = server.sealedCredentials();
        return cipher.isSealedWithCurrentKey(sealed.apiKey()) && cipher.isSealedWithCurrentKey(sealed.apiSecret());
    }

    /** The same credentials sealed again, bound to the server's row, under the current master key. */
    public SealedCredentials reseal(PanelServer server) {
        return seal(open(server), server.id());
    }

    private PanelCredentials open(PanelServer server) {
        SealedCredentials sealed = server.sealedCredentials();
        return new PanelCredentials(cipher.open(sealed.apiKey(), API_KEYS.at(server.id())),
                cipher.open(sealed.apiSecret(), API_SECRETS.at(server.id())));
    }

    public String currentKeyId() {
        return cipher.currentKeyId();
    }
}
