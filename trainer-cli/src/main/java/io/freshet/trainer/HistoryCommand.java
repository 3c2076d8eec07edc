package io.freshet.trainer;

import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.store.HistoryJson;
import io.freshet.store.HistoryRecord;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trainer history}: the pointer's moves, pins and unpins, oldest first, as the store recorded them
 * (docs/store-format.md, "Pointer history"): when, why, from which version to which, by whom, and the gate's numbers
 * of a fit's promotion.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show the pointer history: every move, pin and unpin, oldest first.")
final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    VerboseOption verbose;

    @Option(names = "--json", description = "Print {\"records\":[record,...]}, each as stored.")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", description = "Only the last N records.")
    Integer limit;

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        ModelStore modelStore = store.open(new Configuration());
        List<HistoryRecord> records = modelStore.history();
        if (limit != null && records.size() > limit) {
            records = records.subList(records.size() - limit, records.size());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(HistoryJson.writeListing(records), StandardCharsets.UTF_8));
            return 0;
        }
        if (records.isEmpty()) {
            out.println("(no pointer moves recorded in " + modelStore.uri() + ")");
            return 0;
        }
        out.printf("%-5s %-20s %-10s %-23s %-23s %-24s %s%n", "SEQ", "TIME", "CAUSE", "FROM", "TO", "BY", "DETAIL");
        for (HistoryRecord r : records) {
            out.printf("%-5d %-20s %-10s %-23s %-23s %-24s %s%n", r.sequence(),
                    r.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), r.cause(), orNone(r.from()),
                    orNone(r.to()), r.user() == null ? "(unknown)" : r.user() + "@" + r.host(), detail(r));
        }
        return 0;
    }

    /** The gate's numbers of a fit's promotion, then the reason. */
    static String detail(HistoryRecord r) {
        StringBuilder b = new StringBuilder();
        Manifest.GateDecision g = r.gate();
        if (g != null) {
            b.append("gate ").append(g.passed() ? "passed" : "refused").append(": ").append(g.metric()).append(' ')
                    .append(number(g.candidate())).append(" vs ")
                    .append(g.currentId() == null ? "no current version" : number(g.current()));
            g.lift().ifPresent(lift -> b.append(String.format(Locale.ROOT, ", lift %.2fx", lift)));
        }
        if (r.reason() != null) {
            b.append(b.length() == 0 ? "" : "; ").append(r.reason());
        }
        return b.toString();
    }

    private static String orNone(String id) {
        return id == null ? "(none)" : id;
    }

    private static String number(Double v) {
        return v == null ? "(none)" : String.format(Locale.ROOT, "%.4f", v);
    }
}
