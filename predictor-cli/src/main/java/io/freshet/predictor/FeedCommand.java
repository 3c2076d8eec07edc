package io.freshet.predictor;

import io.freshet.cli.CliLogging;
import io.freshet.cli.VerboseOption;
import io.freshet.BadInputException;
import io.freshet.predictor.feed.Feeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code predictor feed}: replays an event file on a loopback port, for demos and tests. */
@Command(name = "feed", mixinStandardHelpOptions = true,
        description = "Serve an event file on 127.0.0.1:PORT at a given rate, for --source socket://127.0.0.1:PORT.")
final class FeedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    VerboseOption verbose;

    @Option(names = "--port", defaultValue = "9999", description = "Loopback port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--file", required = true, description = "Events, one per line.")
    Path file;

    @Option(names = "--rate", defaultValue = "100", description = "Events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--linger", defaultValue = "5", paramLabel = "SECONDS",
            description = "Keep the connection open this long after the last event (default: ${DEFAULT-VALUE}).")
    int linger;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> events;
        try {
            events = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read events from " + file + ": " + e.getMessage(), e);
        }
        try (Feeder feeder = new Feeder(port, events, rate)) {
            CliLogging.notice(spec, "serving " + events.size() + " events on 127.0.0.1:" + feeder.port() + " at " + rate
                    + "/s");
            while (!feeder.awaitSent(1, TimeUnit.SECONDS)) {
                // waiting for a client and for the events to go out
            }
            TimeUnit.SECONDS.sleep(linger);
            CliLogging.notice(spec, "sent " + feeder.sent() + " events");
        }
        return 0;
    }
}
