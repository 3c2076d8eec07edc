package io.freshet.trainer;

import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.store.VersionId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trainer prune --keep N}: deletes the oldest versions beyond N, sparing current and recent ones. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Delete the oldest versions beyond --keep, never current nor one younger than --grace.")
final class PruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    VerboseOption verbose;

    @Option(names = "--keep", required = true, paramLabel = "N", description = "How many newest versions to keep (>= 1).")
    int keep;

    @Option(names = "--grace", defaultValue = "PT1H", paramLabel = "DURATION",
            description = "Never delete a version younger than this: a predictor may be loading it "
                    + "(ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Override
    public Integer call() {
        if (keep < 1) {
            throw new ParameterException(spec.commandLine(), "--keep must be at least 1, got " + keep);
        }
        List<VersionId> deleted = store.open(new Configuration()).prune(keep, grace);
        for (VersionId id : deleted) {
            spec.commandLine().getOut().println("deleted " + id);
        }
        spec.commandLine().getOut().println(deleted.size() + " version(s) deleted");
        return 0;
    }
}
