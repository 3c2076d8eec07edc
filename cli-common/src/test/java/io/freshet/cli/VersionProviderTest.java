package io.freshet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshet.FreshetVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class VersionProviderTest {
    @Command(name = "trainer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void versionNamesTheCommandAndTheBuild() {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new Root());
        cmd.setOut(new PrintWriter(out, true));
        assertEquals(0, cmd.execute("--version"));
        assertEquals("freshet trainer " + FreshetVersion.get(), out.toString().strip());
    }
}
