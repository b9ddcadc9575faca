package com.nextpanel.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports nobody listens on now. Whoever binds one later may race another program for it. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port the OS picks on 127.0.0.1. */
    public static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code port} can be bound now on every address. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first base from {@code from} (by {@code step}, below {@code to}) whose base + offset ports are all free. */
    public static int base(int from, int to, int step, int... offsets) {
        for (int base = from; base < to; base += step) {
            if (allFree(base, offsets)) {
                return base;
            }
        }
        throw new IllegalStateException("no port base with all its ports free between " + from + " and " + to);
    }

    private static boolean allFree(int base, int[] offsets) {
        for (int offset : offsets) {
            if (!isFree(base + offset)) {
                return false;
            }
        }
        return true;
    }
}
