package io.freshet.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A store on an HDFS NameNode nobody listens on: opening succeeds, every read fails naming the URI. */
class UnreachableStoreTest {
    private static final String URI = "hdfs://127.0.0.1:1/freshet/store";

    private ModelStore store;

    @BeforeEach
    void openWithoutRetries() {
        Configuration conf = new Configuration();
        conf.setInt("ipc.client.connect.max.retries", 0);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
        conf.setInt("ipc.client.connect.timeout", 2000);
        conf.setBoolean("fs.hdfs.impl.disable.cache", true);
        store = ModelStore.open(URI, conf);
    }

    private static void assertFailsNamingTheStore(Executable call) {
        StoreException e = assertThrows(StoreException.class, call);
        assertTrue(e.getMessage().contains(URI), e.getMessage());
    }

    @Test
    void listingVersionsFailsNamingTheStore() {
        assertFailsNamingTheStore(store::versions);
    }

    @Test
    void resolvingCurrentFailsNamingTheStore() {
        assertFailsNamingTheStore(store::current);
    }

    @Test
    void beginningAVersionFailsNamingTheStore() {
        assertFailsNamingTheStore(store::begin);
    }
}
