package io.freshet.trainer;

import io.freshet.cli.ExitCode;
import io.freshet.cli.OptionCheck;
import io.freshet.trainer.metrics.MetricsTextFile;
import io.freshet.trainer.metrics.RunRecorder;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trainer fit}: read ratings, fit ALS on all but a holdout, evaluate, let the quality gate decide,
 * publish a version, move the pointer; prints the version id. Exit 6 when the gate refuses (docs/metrics.md).
 * With {@code --metrics-file}, the run's metrics are written there at its end, whatever its exit code.
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
    @Mixin
    MetricsFileOption metricsFile;

    @Override
    public Integer call() {
        Optional<MetricsTextFile> file = OptionCheck.of(spec, metricsFile::file);
        RunRecorder recorder = new RunRecorder();
        int code = ExitCode.INTERNAL;
        try {
            FitRequest request = OptionCheck.of(spec, options::request);
            FitResult result = options.withService("freshet-trainer-fit", recorder,
                    (spark, service) -> service.fit(request));
            spec.commandLine().getOut().println(result.version());
            spec.commandLine().getOut().flush();
            result.pinNotice().ifPresent(spec.commandLine().getErr()::println);
            code = ExitCode.OK;
            return code;
        } catch (RuntimeException | Error e) {
            code = ExitCode.of(e);
            throw e;
        } finally {
            int exitCode = code;
            file.ifPresent(f -> MetricsFileOption.write(f, recorder.finish(exitCode, Instant.now())));
        }
    }
}
