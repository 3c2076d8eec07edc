package io.freshet.store;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;

/** The FileContext binding of {@link FaultyFileSystem}: register it with {@code fs.AbstractFileSystem.faulty.impl}. */
public class FaultyFs extends DelegateToFileSystem {
    public FaultyFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
        super(uri, new FaultyFileSystem(), conf, FaultyFileSystem.SCHEME, false);
    }
}
