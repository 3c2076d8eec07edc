package io.freshet.trainer;

import io.freshet.cli.OptionCheck;
import io.freshet.cli.VerboseOption;
import io.freshet.data.SyntheticRatings;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trainer generate}: synthetic ratings with latent structure and skewed popularity, for demos and tests. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write synthetic ratings (MovieLens user::item::rating::timestamp) that fit reads.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    VerboseOption verbose;

    @Option(names = "--users", defaultValue = "1000", description = "Users (default: ${DEFAULT-VALUE}).")
    int users;
    @Option(names = "--items", defaultValue = "500", description = "Items (default: ${DEFAULT-VALUE}).")
    int items;
    @Option(names = "--ratings", defaultValue = "50000", description = "Ratings (default: ${DEFAULT-VALUE}).")
    long ratings;
    @Option(names = "--latent-rank", defaultValue = "8",
            description = "Rank of the hidden structure (default: ${DEFAULT-VALUE}).")
    int latentRank;
    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Output file (any Hadoop FileSystem).")
    String out;

    @Override
    public Integer call() {
        SyntheticRatings.Spec s = OptionCheck.of(spec,
                () -> new SyntheticRatings.Spec(users, items, ratings, latentRank, seed));
        long written = SyntheticRatings.write(s, out, new Configuration());
        spec.commandLine().getOut().println("wrote " + written + " ratings of " + users + " users and " + items
                + " items to " + out);
        return 0;
    }
}
