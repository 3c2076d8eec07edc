package io.freshet.trainer;

import io.freshet.BadInputException;
import io.freshet.availability.AvailabilityFile;
import io.freshet.availability.ItemAvailability;
import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.freshet.ids.Ids;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trainer availability}: publishes a new item availability file (docs/store-format.md, "Item availability")
 * from a list of item ids, one a line, as an allow-list or a deny-list; running streams serve it from their next
 * availability reload. Prints the new file's id.
 */
@Command(name = "availability", mixinStandardHelpOptions = true,
        description = "Publish the items that may (--allow) or may not (--deny) be recommended, read from FILE (one "
                + "item id a line, as the versions have them: int, 64-bit or string ids; blank lines and lines starting with # ignored); streams serve it from their next "
                + "--availability-reload-interval. Prints the new file's id.")
final class AvailabilityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    VerboseOption verbose;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ListOption list;

    static final class ListOption {
        @Option(names = "--allow", paramLabel = "FILE", required = true,
                description = "Only these items may be recommended.")
        Path allow;
        @Option(names = "--deny", paramLabel = "FILE", required = true,
                description = "These items may not be recommended.")
        Path deny;
    }

    @Override
    public Integer call() {
        Path file = list.allow != null ? list.allow : list.deny;
        ItemAvailability.Mode mode = list.allow != null ? ItemAvailability.Mode.ALLOW : ItemAvailability.Mode.DENY;
        List<String> items = readIds(file);
        ModelStore modelStore = store.open(new Configuration());
        VersionId id = modelStore.publishAvailability(AvailabilityFile.write(mode, items));
        spec.commandLine().getOut().println(id.value());
        return 0;
    }

    /**
     * The item ids of {@code file}, as text: each line's id stripped of surrounding white space, 1 to 256 bytes of
     * UTF-8 (an int, a 64-bit or a string id, as the catalogue's versions have them); BadInputException naming
     * FILE:LINE for a line that is not one.
     */
    static List<String> readIds(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e, e);
        }
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!AvailabilityFile.validText(line)) {
                throw new BadInputException(file + ":" + (n + 1) + ": an item id is at most " + Ids.MAX_STRING_BYTES
                        + " bytes of UTF-8, this one has " + line.getBytes(StandardCharsets.UTF_8).length + ": '"
                        + line.substring(0, 64) + "...'");
            }
            ids.add(line);
            if (ids.size() > AvailabilityFile.MAX_ITEMS) {
                throw new BadInputException(file + ": more than " + AvailabilityFile.MAX_ITEMS + " item ids");
            }
        }
        return ids;
    }
}
