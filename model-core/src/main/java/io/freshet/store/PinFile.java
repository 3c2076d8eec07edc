package io.freshet.store;

import java.util.Optional;

/** {@code STORE/PIN}: read, replaced atomically (as CURRENT is) and deleted, always under the store lock when written. */
final class PinFile {
    private final StoreLayout layout;
    private final ControlFiles files;

    PinFile(StoreLayout layout, ControlFiles files) {
        this.layout = layout;
        this.files = files;
    }

    /** The pin, or empty when there is none. StoreException naming PIN when it holds no pin of the known format. */
    Optional<Pin> read() {
        return files.read(layout.pinFile()).map(bytes -> HistoryJson.readPin(bytes, layout.pinFile().toString()));
    }

    void write(Pin pin) {
        files.replace(layout.pinFile(), layout.newPinTemp(), HistoryJson.write(pin));
    }

    /** Deletes PIN whatever it holds; false when there was none. */
    boolean delete() {
        return files.delete(layout.pinFile());
    }
}
