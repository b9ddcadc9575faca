package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.fleet.entity.PanelServer;
import com.nextpanel.billing.fleet.entity.SealedCredentials;
import com.nextpanel.billing.panel.PanelCredentials;
import com.nextpanel.billing.panel.PanelEndpoint;
import com.nextpanel.billing.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** Seals panel credentials for storage and opens them only to build a panel client. */
@ApplicationScoped
public class ServerCredentials {

    @Inject
    SecretCipher cipher;

    public SealedCredentials seal(PanelCredentials credentials) {
        return new SealedCredentials(cipher.seal(credentials.apiKey()), cipher.seal(credentials.apiSecret()),
                credentials.keyHint());
    }

    public PanelEndpoint endpointOf(PanelServer server, Duration readTimeout) {
        SealedCredentials sealed = server.sealedCredentials();
        var credentials = new PanelCredentials(cipher.open(sealed.apiKey()), cipher.open(sealed.apiSecret()));
        return new PanelEndpoint(server.id(), server.baseUrl(), credentials, server.credentialsVersion(), readTimeout);
    }

    /** Whether the server's secrets are already sealed with the current master key. */
    public boolean sealedWithCurrentKey(PanelServer server) {
        SealedCredentials sealed = server.sealedCredentials();
        return cipher.isSealedWithCurrentKey(sealed.apiKey()) && cipher.isSealedWithCurrentKey(sealed.apiSecret());
    }

    /** The same credentials sealed again under the current master key. */
    public SealedCredentials reseal(PanelServer server) {
        SealedCredentials sealed = server.sealedCredentials();
        return new SealedCredentials(cipher.seal(cipher.open(sealed.apiKey())),
                cipher.seal(cipher.open(sealed.apiSecret())), sealed.keyHint());
    }

    public String currentKeyId() {
        return cipher.currentKeyId();
    }
}
