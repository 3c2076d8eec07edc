package io.freshet.trainer;

import io.freshet.cli.OptionCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trainer fit}: read ratings, fit ALS on all but a holdout, evaluate, let the quality gate decide,
 * publish a version, move the pointer; prints the version id. Exit 6 when the gate refuses (docs/metrics.md).
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit an ALS model on ratings, evaluate it on held-out ratings and publish it as a new version "
                + "(printed on stdout).",
                "The quality gate refuses a model worse than the current one (exit 6; the version is kept as "
                        + "rejected and the pointer does not move).",
                "While the pointer is pinned (trainer pin, rollback --pin) the version is published, not promoted: "
                        + "a line on stderr says so, exit 0."})
final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    FitOptions options;

    @Override
    public Integer call() {
        FitRequest request = OptionCheck.of(spec, options::request);
        FitResult result = options.withService("freshet-trainer-fit", (spark, service) -> service.fit(request));
        spec.commandLine().getOut().println(result.version());
        spec.commandLine().getOut().flush();
        result.pinNotice().ifPresent(spec.commandLine().getErr()::println);
        return 0;
    }
}
