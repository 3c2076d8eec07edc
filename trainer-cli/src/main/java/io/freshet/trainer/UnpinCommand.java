package io.freshet.trainer;

import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.store.Pin;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trainer unpin}: removes the pin; the pointer stays where it is until the next promotion. */
@Command(name = "unpin", mixinStandardHelpOptions = true,
        description = "Remove the pin: the next fit that passes the gate promotes again. The pointer does not move.")
final class UnpinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    VerboseOption verbose;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the pointer history.")
    String reason;

    @Override
    public Integer call() {
        Optional<Pin> removed = store.open(new Configuration()).unpin(reason);
        spec.commandLine().getOut().println(removed.map(pin -> "unpinned: was " + pin.describe())
                .orElse("not pinned: nothing to do"));
        return 0;
    }
}
