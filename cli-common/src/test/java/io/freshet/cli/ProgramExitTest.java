package io.freshet.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkUserAppException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In a YARN cluster-mode driver (the ApplicationMaster's system properties) an exit code goes back to the
 * ApplicationMaster instead of System.exit. Outside one, ProgramExit is System.exit: every CLI test that checks a
 * launched command's exit code covers that side.
 */
class ProgramExitTest {
    @AfterEach
    void clear() {
        System.clearProperty("spark.yarn.app.id");
        System.clearProperty("spark.submit.deployMode");
    }

    private static void asTheApplicationMasterSets() {
        System.setProperty("spark.yarn.app.id", "application_1_0001");
        System.setProperty("spark.submit.deployMode", "cluster");
    }

    @Test
    void inAYarnClusterDriverZeroReturnsAndAFailureIsThrownWithItsCode() {
        asTheApplicationMasterSets();
        assertDoesNotThrow(() -> ProgramExit.exit(0));
        SparkUserAppException e = assertThrows(SparkUserAppException.class, () -> ProgramExit.exit(ExitCode.BAD_INPUT));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    }

    @Test
    void onlyTheClusterDeployModeOfYarnCounts() {
        assertFalse(ProgramExit.inYarnClusterDriver());
        System.setProperty("spark.submit.deployMode", "cluster");
        assertFalse(ProgramExit.inYarnClusterDriver(), "standalone cluster mode: its driver wrapper exits as usual");
        System.setProperty("spark.yarn.app.id", "application_1_0001");
        assertTrue(ProgramExit.inYarnClusterDriver());
        System.setProperty("spark.submit.deployMode", "client");
        assertFalse(ProgramExit.inYarnClusterDriver());
    }
}
