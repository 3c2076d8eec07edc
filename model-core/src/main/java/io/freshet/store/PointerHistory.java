package io.freshet.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The pointer history, {@code history/}: one immutable file per record, named by its sequence. A record is written
 * whole under {@code _tmp/} and moved into place without replacing anything ({@link ControlFiles#createNew}), so a
 * reader never finds a torn record, also on HDFS, where nothing is appended to. Appending runs under the store lock,
 * so the next sequence is the highest one there plus one; should two writers still meet (a lock broken as stale in
 * the same instant), the second moves to the sequence after.
 */
final class PointerHistory {
    private static final Pattern RECORD = Pattern.compile("([0-9]{1,18})\\" + StoreLayout.RECORD_SUFFIX);

    private final FileSystem fs;
    private final StoreLayout layout;
    private final ControlFiles files;

    PointerHistory(FileSystem fs, StoreLayout layout, ControlFiles files) {
        this.fs = fs;
        this.layout = layout;
        this.files = files;
    }

    /** Every record, in sequence order. StoreException naming a file that is not a record of the known format. */
    List<HistoryRecord> records() {
        List<HistoryRecord> records = new ArrayList<>();
        recordFiles().forEach((sequence, file) -> records.add(read(sequence, file)));
        return records;
    }

    /** The record of the highest sequence, if any. */
    Optional<HistoryRecord> last() {
        TreeMap<Long, Path> all = recordFiles();
        return all.isEmpty() ? Optional.empty() : Optional.of(read(all.lastKey(), all.lastEntry().getValue()));
    }

    /** Appends {@code record} (its sequence is replaced by the next one); returns the record as written. */
    HistoryRecord append(HistoryRecord record) {
        TreeMap<Long, Path> all = recordFiles();
        long sequence = all.isEmpty() ? 1 : all.lastKey() + 1;
        while (true) {
            HistoryRecord numbered = withSequence(record, sequence);
            if (files.createNew(layout.historyRecord(sequence), layout.newHistoryTemp(), HistoryJson.write(numbered))) {
                return numbered;
            }
            sequence++;
        }
    }

    private HistoryRecord read(long sequence, Path file) {
        byte[] bytes = files.read(file).orElseThrow(() -> new StoreException(file + " vanished while being read: "
                + "history records are never deleted by Freshet"));
        HistoryRecord record = HistoryJson.readRecord(bytes, file.toString());
        if (record.sequence() != sequence) {
            throw new StoreException(file + " holds the record of sequence " + record.sequence());
        }
        return record;
    }

    /** The record files by sequence; other names in history/ are ignored. */
    private TreeMap<Long, Path> recordFiles() {
        TreeMap<Long, Path> found = new TreeMap<>();
        for (FileStatus entry : DirEntries.of(fs, layout.historyDir())) {
            Matcher m = RECORD.matcher(entry.getPath().getName());
            if (entry.isFile() && m.matches()) {
                found.put(Long.parseLong(m.group(1)), entry.getPath());
            }
        }
        return found;
    }

    private static HistoryRecord withSequence(HistoryRecord r, long sequence) {
        return new HistoryRecord(r.formatVersion(), sequence, r.time(), r.cause(), r.from(), r.to(), r.user(),
                r.host(), r.pid(), r.reason(), r.gate());
    }
}
