package io.freshet.trainer;

import io.freshet.cli.OptionCheck;
import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.store.Manifest;
import io.freshet.store.ManifestJson;
import io.freshet.store.ModelStore;
import io.freshet.store.Pin;
import io.freshet.store.VersionId;
import io.freshet.store.VersionNotFoundException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trainer show [VERSION]}: one version's manifest; without VERSION, the current one. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a version's manifest (default: the current version).")
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", arity = "0..1", paramLabel = "VERSION", description = "Version id (default: current).")
    String version;

    @Option(names = "--json", description = "Print manifest.json as stored, with \"pin\" added when it is pinned.")
    boolean json;

    @Override
    public Integer call() {
        ModelStore modelStore = store.open(new Configuration());
        Optional<VersionId> current = modelStore.current();
        VersionId id = version != null ? OptionCheck.of(spec, () -> VersionId.parse(version))
                : current.orElseThrow(() -> new VersionNotFoundException("no current version in " + modelStore.uri()));
        Manifest m = modelStore.manifest(id);
        Optional<Pin> pin = modelStore.pinned().filter(p -> p.version().equals(m.id()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(ManifestJson.writeShown(m, pin), StandardCharsets.UTF_8));
            return 0;
        }
        boolean isCurrent = current.isPresent() && current.get().equals(id);
        out.println("version:        " + m.id() + (isCurrent ? "  (current)" : ""));
        pin.ifPresent(p -> out.println("pinned:         by " + p.user() + "@" + p.host() + " since " + p.time()
                + (p.reason() == null ? "" : ": " + p.reason())));
        out.println("status:         " + m.status());
        out.println("created:        " + m.createdAt());
        out.println("freshet:        " + m.freshetVersion());
        if (m.als() != null) {
            Manifest.AlsParams a = m.als();
            out.printf("als:            %s objective, rank %d, %d iterations, reg-param %s, %s, nonnegative %s, "
                    + "seed %d%n", a.objective(), a.rank(), a.maxIter(), a.regParam(), a.ranking()
                    ? "implicit (alpha " + a.alpha() + ", neutral rating " + a.neutralRating() + ")" : "explicit",
                    a.nonnegative(), a.seed());
        }
        if (m.input() != null) {
            Manifest.InputInfo i = m.input();
            out.printf("input:          %s (%s), %d ratings, %d users, %d items, %d bad lines%n", i.path(), i.format(),
                    i.rows(), i.users(), i.items(), i.badLines());
            out.printf("ids:            %s%s%n", i.idKind().label(), i.idKind().mapped()
                    ? " (mapped to indices by ids/users.bin and ids/items.bin; format version " + m.formatVersion() + ")"
                    : "");
            out.println("fingerprint:    " + i.fingerprint());
        }
        out.printf("training:       %.1f s%n", m.trainingMillis() / 1000.0);
        if (m.evaluation() != null) {
            Manifest.Evaluation e = m.evaluation();
            out.printf("evaluation:     %s holdout of %s: %d ratings of %d users (trained on %d), k %d, %s%s%n",
                    e.holdoutBy(), e.holdoutFraction(), e.holdoutRatings(), e.holdoutUsers(), e.trainRatings(), e.k(),
                    e.relevanceThreshold() == null ? "every held-out item relevant"
                            : "relevant from rating " + e.relevanceThreshold(),
                    e.refitAll() ? "; published model refitted on all ratings" : "");
            if (e.tuning() != null) {
                Manifest.Tuning t = e.tuning();
                out.printf("tuning:         %d settings, %d-fold cross-validation on %s%n", t.trials().size(),
                        t.folds(), t.metric());
                for (Manifest.Trial trial : t.trials()) {
                    out.printf("tuning trial:   rank %d, reg-param %s, alpha %s: mean %s%n", trial.rank(),
                            trial.regParam(), trial.alpha(),
                            trial.mean() == null ? "(not scored in every fold)" : number(trial.mean()));
                }
            }
        }
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(m.metrics()).entrySet()) {
            out.printf("metric:         %-22s %s%n", e.getKey(), number(e.getValue()));
        }
        if (m.gate() != null) {
            Manifest.GateDecision g = m.gate();
            String compared = g.currentId() == null ? "no current version"
                    : "current " + g.currentId() + " " + number(g.current());
            out.printf("gate:           %s on %s: candidate %s, %s, tolerance %s%n",
                    g.passed() ? "passed" : "refused", g.metric(), number(g.candidate()), compared, g.tolerance());
            if (g.baseline() != null) {
                out.printf("gate lift:      %s over the most-popular list's %s (at least %s asked)%n",
                        g.lift().isPresent() ? String.format(java.util.Locale.ROOT, "%.2fx", g.lift().getAsDouble())
                                : "-", number(g.baseline()), g.minLift());
            }
            g.reasons().forEach(r -> out.println("gate reason:    " + r));
        }
        out.println("files:          " + m.files().size() + " (" + m.files().values().stream()
                .mapToLong(Manifest.FileEntry::bytes).sum() + " bytes)");
        return 0;
    }

    /** Six significant digits: metrics near zero (an NDCG of 0.0002) keep their digits. */
    private static String number(Double v) {
        return v == null ? "(none)" : String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
