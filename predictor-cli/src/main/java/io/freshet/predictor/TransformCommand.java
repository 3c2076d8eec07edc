package io.freshet.predictor;

import io.freshet.cli.CliLogging;
import io.freshet.cli.OptionCheck;
import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.BadInputException;
import io.freshet.fold.FoldedUser;
import io.freshet.serving.AvailabilityWatcher;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ModelLoader;
import io.freshet.serving.ModelWatcher;
import io.freshet.serving.ServingModel;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code predictor transform}: applies a model to a fixed input, with the stream's scoring code and record
 * format but no streaming context. Records go to stdout, error records to stderr.
 */
@Command(name = "transform", mixinStandardHelpOptions = true,
        description = "Score a file of events (or stdin) with the current or a pinned version; for debugging.")
final class TransformCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    VerboseOption verbose;
    @Mixin
    ScoringOptions scoring;

    @Option(names = "--version", paramLabel = "V", description = "Score with this version instead of the current one.")
    String version;

    @Option(names = "--input", required = true, paramLabel = "FILE|-", description = "Events, one per line; - for stdin.")
    String input;

    @Option(names = "--threads", paramLabel = "N", description = "Scoring threads (default: all cores).")
    Integer threads;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Score the input N events at a time, as a stream's batches: a rating folds into the lists of "
                    + "the batches after its own (default: the whole input is one batch).")
    Integer batchSize;

    @Option(names = "--watch", paramLabel = "SECONDS",
            description = "Repeat every SECONDS with the current version, saying when it changes (until killed).")
    Integer watch;

    @Override
    public Integer call() throws InterruptedException {
        Configuration conf = new Configuration();
        ModelStore modelStore = store.open(conf);
        List<String> events = readEvents(conf);
        EventProcessor processor = scoring.processor(spec)
                .withAvailability(new AvailabilityWatcher(modelStore).start()); // read once (docs/store-format.md)
        if (batchSize != null && batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
        }
        int batch = batchSize == null ? Math.max(1, events.size()) : batchSize;
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (watch == null) {
            return run(load(modelStore), events, batch, processor, nThreads, out, err);
        }
        if (version != null) {
            throw new ParameterException(spec.commandLine(),
                    "--watch follows the current version; it cannot be combined with --version");
        }
        AtomicReference<ServingModel> served = new AtomicReference<>();
        ModelWatcher watcher = new ModelWatcher(modelStore, served::set, Clock.systemUTC());
        String last = null;
        while (true) {
            watcher.pollOnce();
            ServingModel model = served.get();
            if (model != null && !model.version().equals(last)) {
                CliLogging.notice(spec, "now scoring with version " + model.version()
                        + (last == null ? "" : " (was " + last + ")"));
                last = model.version();
                run(model, events, batch, processor, nThreads, out, err);
            }
            TimeUnit.SECONDS.sleep(watch);
        }
    }

    /** The version asked for, or the current one (an older one that loads, loudly, when it cannot be served). */
    private ServingModel load(ModelStore modelStore) {
        if (version != null) {
            return new ModelLoader(modelStore).load(OptionCheck.of(spec, () -> VersionId.parse(version)));
        }
        return new ModelWatcher(modelStore, model -> { }, Clock.systemUTC()).start();
    }

    /**
     * Scores the events in batches of {@code batch}, folding each batch's ratings into a state kept for the run (as
     * a stream keeps it): output records in input order.
     */
    private static int run(ServingModel model, List<String> events, int batch, EventProcessor processor, int threads,
                           PrintWriter out, PrintWriter err) {
        Map<Integer, FoldedUser> state = new HashMap<>();
        boolean clean = true;
        long time = System.currentTimeMillis();
        for (int from = 0; from < events.size() || from == 0; from += batch) {
            List<String> part = events.subList(from, Math.min(events.size(), from + batch));
            EventProcessor.Result result = processor.process(model, state::get, part, threads, time);
            result.folded().forEach(f -> state.put(f.user(), f));
            result.outputJson().forEach(out::println);
            result.errors().forEach(err::println);
            clean &= result.errors().isEmpty();
            if (events.isEmpty()) {
                break;
            }
        }
        out.flush();
        err.flush();
        return clean ? 0 : io.freshet.cli.ExitCode.BAD_INPUT;
    }

    private List<String> readEvents(Configuration conf) {
        try (InputStream in = input.equals("-") ? System.in : new Path(input).getFileSystem(conf).open(new Path(input));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot read events from " + input + ": " + e.getMessage(), e);
        }
    }
}
