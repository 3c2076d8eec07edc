package io.freshet.trainer;

import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.store.ModelStore;
import io.freshet.store.Pin;
import io.freshet.store.VersionId;
import io.freshet.store.VersionNotFoundException;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trainer pin}: pins the pointer to the version CURRENT names now, so that fits publish without promoting
 * until {@code trainer unpin}. ({@code trainer rollback --pin VERSION} pins another version.)
 */
@Command(name = "pin", mixinStandardHelpOptions = true,
        description = "Pin the pointer to the current version: fits publish without promoting until `trainer unpin`.")
final class PinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    VerboseOption verbose;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, shown by list, show and history.")
    String reason;

    @Override
    public Integer call() {
        ModelStore modelStore = store.open(new Configuration());
        VersionId current = modelStore.pointer().orElseThrow(() ->
                new VersionNotFoundException("CURRENT names no version in " + modelStore.uri() + " to pin; `trainer "
                        + "rollback --pin VERSION` pins one"));
        modelStore.pin(current, reason);
        Pin pin = modelStore.pinned().orElseThrow();
        spec.commandLine().getOut().println("pinned: " + pin.describe());
        return 0;
    }
}
