package io.freshet.trainer;

import io.freshet.cli.SparkOptions;
import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.data.RatingData;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.trainer.eval.CrossValidator;
import io.freshet.trainer.eval.HoldoutSplit;
import io.freshet.trainer.eval.MetricNames;
import io.freshet.trainer.eval.SearchSpace;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trainer tune}: chooses rank, reg-param and alpha by cross-validation on the training part, then fits and
 * publishes them as {@code fit} does (through the same gate), with the search in the manifest. Prints
 * {@code FRESHET_FIT_ARGS=...} for the cron environment file, then the version id.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Choose rank, reg-param and alpha by k-fold cross-validation on the training part, then fit, "
                + "evaluate and publish the chosen setting as fit does.",
                "Prints FRESHET_FIT_ARGS=... (for cron/trainer.env), then the version id."})
final class TuneCommand implements Callable<Integer> {
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

    @Option(names = "--ranks", split = ",", paramLabel = "N[,N...]",
            description = "Ranks to try (default: --rank).")
    List<Integer> ranks;

    @Option(names = "--reg-params", split = ",", paramLabel = "X[,X...]",
            description = "Reg-params to try (default: --reg-param).")
    List<Double> regParams;

    @Option(names = "--alphas", split = ",", paramLabel = "X[,X...]",
            description = "Alphas to try, with --implicit-prefs only (default: --alpha).")
    List<Double> alphas;

    @Option(names = "--random", defaultValue = "0", paramLabel = "N",
            description = "Try N settings drawn (with --seed) from the span of each list instead of the full grid "
                    + "(default: ${DEFAULT-VALUE}, the full grid).")
    int random;

    @Option(names = "--folds", defaultValue = "3", paramLabel = "K",
            description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;


    @Override
    public Integer call() {
        Manifest.AlsParams base = als.params();
        SearchSpace space = new SearchSpace(orDefault(ranks, base.rank()), orDefault(regParams, base.regParam()),
                orDefault(alphas, base.alpha()), random, base.seed());
        List<Manifest.AlsParams> candidates = space.candidates(base);
        FitRequest request = FitCommand.request(inputOptions, als, publishOptions, evaluationOptions);
        String metric = request.gate().metric();
        MetricNames.requireKnown(metric, request.evaluation().k(), base.implicitPrefs());
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2, got " + folds);
        }
        PrintWriter out = spec.commandLine().getOut();
        SparkSession spark = sparkOptions.session("freshet-trainer-tune", TrainingService.SPARK_DEFAULTS);
        try {
            ModelStore modelStore = store.open(spark.sparkContext().hadoopConfiguration());
            TrainingService service = new TrainingService(spark, modelStore, Clock.systemUTC());
            RatingData data = service.read(request);
            try {
                CrossValidator.Result result = search(spark, data, request, candidates, metric);
                out.println("FRESHET_FIT_ARGS=" + fitArgs(result.best()));
                out.flush();
                FitResult fitted = service.fit(request.withTunedParams(result.best(), result.tuning()), data);
                out.println(fitted.version());
                out.flush();
                return 0;
            } finally {
                data.ratings().unpersist();
            }
        } finally {
            spark.stop();
        }
    }

    /** Cross-validates on the part of the ratings fit will train on (all of them under --holdout 0). */
    private CrossValidator.Result search(SparkSession spark, RatingData data, FitRequest request,
                                         List<Manifest.AlsParams> candidates, String metric) {
        CrossValidator cv = new CrossValidator(spark, new AlsFitter(spark), ArtifactExporter::export);
        if (!request.evaluation().enabled()) {
            return cv.search(data.ratings(), candidates, folds, request.als().seed(), metric, request.evaluation());
        }
        HoldoutSplit split = HoldoutSplit.of(data.ratings(), data.hasTimestamps(),
                request.evaluation().holdoutFraction(), request.evaluation().splitBy(), request.als().seed());
        try {
            Dataset<Row> train = split.train();
            return cv.search(train, candidates, folds, request.als().seed(), metric, request.evaluation());
        } finally {
            split.release();
        }
    }

    /** The tuned flags as fit takes them; --implicit-prefs too, since alpha means nothing without it. */
    static String fitArgs(Manifest.AlsParams p) {
        return "--rank " + p.rank() + " --reg-param " + p.regParam() + " --alpha " + p.alpha()
                + (p.implicitPrefs() ? " --implicit-prefs" : "");
    }

    private static <T> List<T> orDefault(List<T> values, T value) {
        return values == null || values.isEmpty() ? List.of(value) : values;
    }
}
