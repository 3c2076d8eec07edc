package io.freshet.trainer;

import io.freshet.cli.OptionCheck;
import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.serving.ModelLoader;
import io.freshet.store.ModelStore;
import io.freshet.store.PointerMove;
import io.freshet.store.VersionId;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trainer rollback [--pin] VERSION}: moves the pointer to an existing, complete, servable version, after
 * checking every file against the manifest and loading it as the predictor would (exit 7 when it would refuse it).
 * With --pin it also pins the pointer there; without, a pinned pointer is not moved (exit 12).
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Point current at an earlier (or any complete) version.",
                "--pin also pins it there: fits publish without promoting until `trainer unpin`."})
final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "VERSION", description = "The version id to serve.")
    String version;

    @Option(names = "--pin", description = "Pin the pointer to VERSION (moves an existing pin).")
    boolean pin;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the pointer history (and the pin).")
    String reason;

    @Override
    public Integer call() {
        VersionId id = OptionCheck.of(spec, () -> VersionId.parse(version));
        ModelStore modelStore = store.open(new Configuration());
        modelStore.verify(id);
        new ModelLoader(modelStore).load(id); // what the predictor checks before serving it: format, finite factors
        Optional<VersionId> previous = pin ? modelStore.pin(id, reason)
                : modelStore.promote(id, PointerMove.rollback(reason));
        spec.commandLine().getOut().println("current: " + previous.map(VersionId::value).orElse("(none)") + " -> " + id
                + (pin ? " (pinned)" : ""));
        return 0;
    }
}
