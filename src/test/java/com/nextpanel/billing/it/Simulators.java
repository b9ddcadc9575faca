package com.nextpanel.billing.it;

import com.nextpanel.simulator.NextPanelSimulator;
import java.sql.SQLException;
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
    private NextPanelSimulator shared;
    private Long sharedServer;

    /** A new panel on a free port, with its own key and secret. */
    public NextPanelSimulator start() {
        NextPanelSimulator sim = NextPanelSimulator.start();
        started.add(sim);
        return sim;
    }

    /** One panel for all the tests of the class, started on first use. */
    public synchronized NextPanelSimulator shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /**
     * The shared panel, registered on first use (capacity 100), made the only active server:
     * what a test provisions lands on it. Answers its server id.
     */
    public synchronized long sharedServerOnlyActive(Api api) {
        if (sharedServer == null) {
            sharedServer = Fixtures.registerServer(api, shared(), 100);
        }
        Fixtures.onlyActive(api, sharedServer);
        return sharedServer;
    }

    /**
     * Closes the class's panels, and cancels the jobs still waiting in the shared database: they
     * would retry in later classes against panels and mail servers that are gone, writing audit
     * lines and alerts into those classes' tests. A class run alone on a database of its own
     * (SeveralNodesIT) leaves the shared one unmigrated: nothing to cancel there.
     */
    @Override
    public synchronized void afterAll(ExtensionContext context) throws SQLException {
        started.forEach(NextPanelSimulator::close);
        started.clear();
        shared = null;
        sharedServer = null;
        if (TestEnvironment.count("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'panel_job'") == 0) {
            return;
        }
        TestEnvironment.execute("UPDATE panel_job SET status = 'cancelled', secret_sealed = NULL,"
                + " last_error = 'left behind by a test class that has ended', finished_at = now(), updated_at = now()"
                + " WHERE status = 'pending'");
    }
}
