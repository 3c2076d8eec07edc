package io.freshet.cli;

import io.freshet.FreshetVersion;
import picocli.CommandLine;

/** {@code --version} of both command lines: "freshet COMMAND VERSION". */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public String[] getVersion() {
        return new String[] {"freshet " + spec.root().name() + " " + FreshetVersion.get()};
    }
}
