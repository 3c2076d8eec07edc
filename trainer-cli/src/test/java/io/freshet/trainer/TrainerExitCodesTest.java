package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.freshet.cli.ExitCode;
import io.freshet.cli.InternalErrorCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The trainer's exit codes tell a user's typo (2, with picocli's message) from a bug (1, with the --verbose hint). */
class TrainerExitCodesTest {
    @TempDir
    Path dir;

    @Test
    void anUnexpectedIllegalArgumentExceptionIsAnInternalError() {
        InternalErrorCheck.assertBugsAreInternalErrors(Trainer.commandLine());
    }

    @Test
    void fitAndTuneWithoutAStoreAreUsageErrorsOfTheirOwnCommand() {
        assumeTrue(System.getenv("FRESHET_STORE") == null, "FRESHET_STORE is set: --store has a default");
        for (String name : new String[] {"fit", "tune"}) {
            CommandLine command = Trainer.commandLine().parseArgs(name, "--input", "r.dat").subcommand()
                    .commandSpec().commandLine();
            FitOptions options = command.getCommand() instanceof FitCommand fit ? fit.options
                    : ((TuneCommand) command.getCommand()).options;
            ParameterException e = assertThrows(ParameterException.class, options.store::uri);
            assertTrue(e.getMessage().contains("Missing --store"), e.getMessage());
            assertSame(command, e.getCommandLine(), name);
        }
    }

    @Test
    void badOptionValuesAreUsageErrorsWithPicocliMessage() {
        String store = dir.resolve("store").toString();
        CliRun keep = CliRun.trainer("prune", "--store", store, "--keep", "0");
        assertEquals(ExitCode.USAGE, keep.code(), keep.toString());
        assertTrue(keep.err().contains("--keep must be at least 1") && keep.err().contains("Usage:"), keep.err());

        CliRun rank = CliRun.trainer("fit", "--store", store, "--input", dir.resolve("none.csv").toString(), "--rank", "0");
        assertEquals(ExitCode.USAGE, rank.code(), rank.toString());
        assertTrue(rank.err().contains("rank") && rank.err().contains("Usage:"), rank.err());

        CliRun version = CliRun.trainer("rollback", "--store", store, "not-a-version");
        assertEquals(ExitCode.USAGE, version.code(), version.toString());
        assertTrue(version.err().contains("not-a-version"), version.err());
    }
}
