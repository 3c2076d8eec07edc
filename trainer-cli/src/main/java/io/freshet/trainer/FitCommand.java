package io.freshet.trainer;

import io.freshet.cli.OptionCheck;
import io.freshet.cli.SparkOptions;
import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.store.ModelStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
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
                        + "rejected and the pointer does not move)."})
final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    SparkOptions sparkOptions;
    @Mixin
    VerboseOption verbose;
    @Mixin
    AlsSettings als;

    @Mixin
    InputOptions inputOptions;
    @Mixin
    EvaluationOptions evaluationOptions;
    @Mixin
    PublishOptions publishOptions;

    /** The training run the options of fit (and of tune, which shares them) ask for. */
    static FitRequest request(InputOptions input, AlsSettings als, PublishOptions publish,
                              EvaluationOptions evaluation) {
        return new FitRequest(input.input(), input.readOptions(), als.params(), !publish.noPromote,
                publish.temporaryGrace, evaluation.evaluation(), evaluation.gate(), Optional.empty());
    }

    @Override
    public Integer call() {
        FitRequest request = OptionCheck.of(spec, () -> request(inputOptions, als, publishOptions, evaluationOptions));
        SparkSession spark = sparkOptions.session("freshet-trainer-fit", TrainingService.SPARK_DEFAULTS);
        try {
            ModelStore modelStore = store.open(spark.sparkContext().hadoopConfiguration());
            FitResult result = new TrainingService(spark, modelStore, Clock.systemUTC()).fit(request);
            spec.commandLine().getOut().println(result.version());
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            spark.stop();
        }
    }
}
