package io.tierblog.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second host on this machine: a network namespace of the test's own, joined to the host by a
 * veth pair on a /30 of its own ({@code 10.213.N.1} on the host, {@code 10.213.N.2} inside).
 * Needs root and iproute2; {@link #close()} removes it and its link.
 */
final class NetworkNamespace implements AutoCloseable {
    private final String name;
    private final String hostAddress;
    private final String innerAddress;

    private NetworkNamespace(String name, String hostAddress, String innerAddress) {
        this.name = name;
        this.hostAddress = hostAddress;
        this.innerAddress = innerAddress;
    }

    /** Whether this process may make namespaces: root, with {@code ip} on the PATH. */
    static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Programs.find("ip").isPresent();
    }

    static NetworkNamespace create(String prefix) {
        long id = ProcessHandle.current().pid() % 250 + 1;
        String name = prefix + id;
        String outer = "tbh" + id;
        String inner = "tbn" + id;
        String subnet = "10.213." + id + ".";
        run("ip", "netns", "del", name).ignoreFailure();
        run("ip", "link", "del", outer).ignoreFailure();
        NetworkNamespace namespace = new NetworkNamespace(name, subnet + "1", subnet + "2");
        try {
            run("ip", "netns", "add", name).require();
            run("ip", "link", "add", outer, "type", "veth", "peer", "name", inner).require();
            run("ip", "link", "set", inner, "netns", name).require();
            run("ip", "addr", "add", subnet + "1/30", "dev", outer).require();
            run("ip", "link", "set", outer, "up").require();
            namespace.exec("ip", "addr", "add", subnet + "2/30", "dev", inner).require();
            namespace.exec("ip", "link", "set", inner, "up").require();
            namespace.exec("ip", "link", "set", "lo", "up").require();
            return namespace;
        } catch (RuntimeException failure) {
            namespace.close();
            throw failure;
        }
    }

    /** This machine's address as the namespace sees it. */
    String hostAddress() {
        return hostAddress;
    }

    /** The namespace's own address, reachable from this machine. */
    String address() {
        return innerAddress;
    }

    /** The command line that runs a program inside the namespace. */
    List<String> command(String... program) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(List.of(program));
        return command;
    }

    Result exec(String... program) {
        return run(command(program).toArray(String[]::new));
    }

    @Override
    public void close() {
        run("ip", "netns", "del", name).ignoreFailure();
    }

    record Result(List<String> command, int status, String output) {
        Result require() {
            if (status != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + status + "): " + output);
            }
            return this;
        }

        void ignoreFailure() {
        }
    }

    static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(List.of(command), -1, "timed out");
            }
            return new Result(List.of(command), process.exitValue(),
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
