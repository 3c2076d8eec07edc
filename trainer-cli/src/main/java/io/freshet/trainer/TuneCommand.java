package io.freshet.trainer;

import io.freshet.cli.OptionCheck;
import io.freshet.data.RatingData;
import io.freshet.store.Manifest;
import io.freshet.trainer.eval.CrossValidator;
import io.freshet.trainer.eval.HoldoutSplit;
import io.freshet.trainer.eval.MetricNames;
import io.freshet.trainer.eval.SearchSpace;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
    FitOptions options;

    @Option(names = "--ranks", split = ",", paramLabel = "N[,N...]",
            description = "Ranks to try (default: --rank; with no list and no --random, a search of 12 settings: "
                    + "rank 10-50, reg-param 0.01-1 and alpha 0.3-10, log-scaled).")
    List<Integer> ranks;

    @Option(names = "--reg-params", split = ",", paramLabel = "X[,X...]",
            description = "Reg-params to try (default: --reg-param).")
    List<Double> regParams;

    @Option(names = "--alphas", split = ",", paramLabel = "X[,X...]",
            description = "Alphas to try, ranking objective only (default: --alpha).")
    List<Double> alphas;

    @Option(names = "--random", defaultValue = "0", paramLabel = "N",
            description = "Try N settings drawn (with --seed) from the span of each list instead of the full grid "
                    + "(default: ${DEFAULT-VALUE}, the full grid).")
    int random;

    @Option(names = "--folds", defaultValue = "3", paramLabel = "K",
            description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;


    /** The search with no list and no --random: what matters for ranking, log-scaled (docs/metrics.md, "Tuning"). */
    static final List<Integer> DEFAULT_RANKS = List.of(10, 50);
    static final List<Double> DEFAULT_REG_PARAMS = List.of(0.01, 1.0);
    static final List<Double> DEFAULT_ALPHAS = List.of(0.3, 10.0);
    static final int DEFAULT_RANDOM = 12;

    @Override
    public Integer call() {
        Manifest.AlsParams base = OptionCheck.of(spec, options.als::params);
        SearchSpace space = OptionCheck.of(spec, () -> space(base));
        FitRequest asked = OptionCheck.of(spec, options::request);
        String metric = asked.gate().metric();
        OptionCheck.run(spec, () -> MetricNames.requireKnown(metric, asked.evaluation().k(), base.implicitPrefs()));
        if (folds < 2) {
            throw new ParameterException(spec.commandLine(), "--folds must be at least 2, got " + folds);
        }
        PrintWriter out = spec.commandLine().getOut();
        return options.withService("freshet-trainer-tune", (spark, service) -> {
            RatingData data = service.read(asked);
            try {
                FitRequest request = asked.resolvedFor(data.maxRating());
                List<Manifest.AlsParams> candidates = space.candidates(request.als());
                CrossValidator.Result result = search(spark, data, request, candidates, metric);
                out.println("FRESHET_FIT_ARGS=" + fitArgs(result.best(), base));
                out.flush();
                FitResult fitted = service.fit(request.withTunedParams(result.best(), result.tuning()), data);
                out.println(fitted.version());
                out.flush();
                fitted.pinNotice().ifPresent(spec.commandLine().getErr()::println);
                return 0;
            } finally {
                data.release();
            }
        });
    }

    /**
     * The settings to try: the lists given (a missing one fixes that parameter to fit's value); with no list and
     * no --random, the default ranking search (12 draws: rank 10-50, reg-param 0.01-1 and alpha 0.3-10, both
     * log-scaled; alpha is fixed for the rating objective).
     */
    SearchSpace space(Manifest.AlsParams base) {
        boolean none = (ranks == null || ranks.isEmpty()) && (regParams == null || regParams.isEmpty())
                && (alphas == null || alphas.isEmpty()) && random == 0;
        if (none) {
            return new SearchSpace(DEFAULT_RANKS, DEFAULT_REG_PARAMS, DEFAULT_ALPHAS, DEFAULT_RANDOM, base.seed());
        }
        return new SearchSpace(orDefault(ranks, base.rank()), orDefault(regParams, base.regParam()),
                orDefault(alphas, base.alpha()), random, base.seed());
    }

    /** Cross-validates on the part of the ratings fit will train on (all of them under --holdout 0). */
    private CrossValidator.Result search(SparkSession spark, RatingData data, FitRequest request,
                                         List<Manifest.AlsParams> candidates, String metric) {
        CrossValidator cv = new CrossValidator(spark, new AlsFitter(spark));
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

    /**
     * The tuned flags as fit takes them, with the objective (and the neutral rating, when one was asked for), so
     * that the nightly fit trains what was tuned.
     */
    static String fitArgs(Manifest.AlsParams tuned, Manifest.AlsParams asked) {
        String args = "--rank " + tuned.rank() + " --reg-param " + tuned.regParam();
        if (!tuned.ranking()) {
            return args + " --objective rating";
        }
        args += " --alpha " + tuned.alpha() + " --objective ranking";
        return asked.neutralRating() == null ? args : args + " --neutral-rating " + asked.neutralRating();
    }

    private static <T> List<T> orDefault(List<T> values, T value) {
        return values == null || values.isEmpty() ? List.of(value) : values;
    }
}
