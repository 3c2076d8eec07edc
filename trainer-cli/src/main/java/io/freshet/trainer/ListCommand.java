package io.freshet.trainer;

import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.store.Manifest;
import io.freshet.store.ManifestJson;
import io.freshet.store.ModelStore;
import io.freshet.store.Pin;
import io.freshet.store.VersionId;
import io.freshet.trainer.eval.EvaluationSettings;
import io.freshet.trainer.eval.MetricNames;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trainer list}: the complete versions, oldest first, with status, size, metrics and the current one
 * marked, and the pin if any. NDCG@K and BASELINE are the model's and the most-popular baseline's NDCG at the version's own k
 * (--eval-k, default 10), LIFT the first over the second; USERCOV its user coverage (docs/metrics.md).
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the versions in the store.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    VerboseOption verbose;

    @Option(names = "--json", description = "Print {\"current\":ID,\"pin\":PIN,\"versions\":[manifest,...]}.")
    boolean json;

    @Override
    public Integer call() {
        ModelStore modelStore = store.open(new Configuration());
        List<Manifest> manifests = modelStore.manifests();
        Optional<VersionId> current = modelStore.current();
        Optional<Pin> pin = modelStore.pinned();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(ManifestJson.writeListing(current, pin, manifests), StandardCharsets.UTF_8));
            return 0;
        }
        pin.ifPresent(p -> out.println("pinned: " + p.describe()));
        out.printf("%-25s %-9s %-21s %10s %5s %9s %9s %9s %6s %9s%n", "VERSION", "STATUS", "CREATED", "RATINGS", "RANK",
                "RMSE", "NDCG@K", "BASELINE", "LIFT", "USERCOV");
        for (Manifest m : manifests) {
            boolean isCurrent = current.isPresent() && current.get().value().equals(m.id());
            int k = m.evaluation() == null ? EvaluationSettings.DEFAULT_K : m.evaluation().k();
            out.printf("%-25s %-9s %-21s %10s %5s %9s %9s %9s %6s %9s%s%n", m.id(), m.status(),
                    m.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    m.input() == null ? "-" : m.input().rows(), m.als() == null ? "-" : m.als().rank(),
                    metric(m, MetricNames.RMSE), metric(m, MetricNames.ndcg(k)),
                    metric(m, MetricNames.BASELINE + MetricNames.ndcg(k)), lift(m, k),
                    metric(m, MetricNames.USER_COVERAGE), marker(m, isCurrent, pin));
        }
        if (manifests.isEmpty()) {
            out.println("(no versions in " + modelStore.uri() + ")");
        }
        return 0;
    }

    private static String marker(Manifest m, boolean isCurrent, Optional<Pin> pin) {
        boolean pinned = pin.isPresent() && pin.get().version().equals(m.id());
        return (isCurrent ? "  <- current" : "") + (pinned ? (isCurrent ? " (pinned)" : "  <- pinned") : "");
    }

    /** NDCG@K over the most-popular list's, as {@code 1.87x}; "-" when either is missing or the baseline is 0. */
    static String lift(Manifest m, int k) {
        Double model = m.metrics().get(MetricNames.ndcg(k));
        Double baseline = m.metrics().get(MetricNames.BASELINE + MetricNames.ndcg(k));
        return model == null || baseline == null || !(baseline > 0) ? "-"
                : String.format(java.util.Locale.ROOT, "%.2fx", model / baseline);
    }

    static String metric(Manifest m, String name) {
        Double v = m.metrics().get(name);
        return v == null ? "-" : String.format(java.util.Locale.ROOT, "%.4g", v); // 4 significant digits
    }
}
