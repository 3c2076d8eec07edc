package io.freshet.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who owns a control file (the store lock, a draft lease): {@code host=} and {@code pid=} lines naming this process,
 * and the test of whether such an owner is a process that no longer runs on this host (a trainer killed with
 * SIGKILL), whose claim therefore need not be waited out.
 */
final class ProcessOwner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessOwner.class);

    private ProcessOwner() {
    }

    /** The operating-system user this process runs as. */
    static String userName() {
        return System.getProperty("user.name", "unknown-user");
    }

    /** {@code host=HOST\npid=PID\n} for this process. */
    static String lines() {
        return "host=" + hostName() + "\n" + "pid=" + ProcessHandle.current().pid() + "\n";
    }

    /**
     * True when {@code text} names this host and a process that no longer runs here. An owner on another host, one
     * whose pid is alive (or was reused), or text without both fields is not known to be dead.
     */
    static boolean deadOnThisHost(String text) {
        Optional<String> host = field(text, "host");
        Optional<String> pid = field(text, "pid");
        if (host.isEmpty() || pid.isEmpty() || !host.get().equals(hostName()) || !pid.get().matches("[0-9]{1,18}")) {
            return false;
        }
        long id = Long.parseLong(pid.get());
        return id != ProcessHandle.current().pid() && ProcessHandle.of(id).map(p -> !p.isAlive()).orElse(true);
    }

    /** The value of the {@code name=} line of {@code text}, if any. */
    static Optional<String> field(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "=")) {
                return Optional.of(line.substring(name.length() + 1).strip());
            }
        }
        return Optional.empty();
    }

    /** This host's name, as the owner lines give it. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // The host name only describes the owner to a human (and to the dead-process test on this host).
            LOG.debug("Cannot resolve the local host name", e);
            return "unknown-host";
        }
    }
}
