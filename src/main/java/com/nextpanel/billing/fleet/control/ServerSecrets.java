package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.security.SealedSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The panels' API keys and secrets, sealed. */
@ApplicationScoped
public class ServerSecrets implements SealedSecrets {

    @Inject
    ServerRegistry registry;

    @Override
    public String kind() {
        return "servers";
    }

    @Override
    public int resealAll() {
        return registry.resealAll();
    }
}
