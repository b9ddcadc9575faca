package com.nextpanel.launch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The JDK's HTTP server on 127.0.0.1, as the simulated panels and the fake Stripe serve. */
public final class LocalHttpServer {

    static {
        // The JDK server writes headers and body separately: with Nagle on, every answer stalls
        // ~40 ms on the client's delayed ACK. The JDK reads this once, when the JVM's first
        // server is created, so every server of ours is created here.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private LocalHttpServer() {
    }

    /** Bound, not started; {@code port} 0 takes any free port. */
    public static HttpServer create(int port, int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", port), backlog);
    }
}
