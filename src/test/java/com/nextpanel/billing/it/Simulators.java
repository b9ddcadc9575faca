package com.nextpanel.billing.it;

import com.nextpanel.simulator.NextPanelSimulator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The simulated panels a test class starts, all closed after its last test:
 * {@code @RegisterExtension static final Simulators SIMULATORS = new Simulators();}
 */
public final class Simulators implements AfterAllCallback {

    private final List<NextPanelSimulator> started = new CopyOnWriteArrayList<>();

    /** A new panel on a free port, with its own key and secret. */
    public NextPanelSimulator start() {
        NextPanelSimulator sim = NextPanelSimulator.start();
        started.add(sim);
        return sim;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        started.forEach(NextPanelSimulator::close);
        started.clear();
    }
}
