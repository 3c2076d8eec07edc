package io.freshet.cli;

import io.freshet.store.ModelStore;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --store URI}, defaulting to $FRESHET_STORE: any Hadoop FileSystem URI or a local path. */
public final class StoreOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "URI", defaultValue = "${env:FRESHET_STORE}",
            description = "Model store: hdfs://..., file:///..., or a local path (default: $FRESHET_STORE).")
    String store;

    public String uri() {
        if (store == null || store.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Missing --store (or set FRESHET_STORE)");
        }
        return store;
    }

    /** Opens the store with a Hadoop configuration from the environment (HADOOP_CONF_DIR etc.). */
    public ModelStore open(Configuration conf) {
        return ModelStore.open(uri(), conf);
    }
}
