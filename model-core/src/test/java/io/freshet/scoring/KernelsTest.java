package io.freshet.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelsTest {
    @Test
    void autoPicksTheVectorKernelOnlyWhenTheModuleIsThere() {
        assertEquals("vector", Kernels.select("auto", true).name());
        assertEquals("scalar", Kernels.select("auto", false).name());
    }

    @Test
    void propertyForcesEitherKernelInAnyCase() {
        assertEquals("scalar", Kernels.select("Scalar", true).name());
        assertEquals("vector", Kernels.select(" vector ", true).name());
    }

    @Test
    void forcingVectorWithoutTheModuleFailsNamingTheFlag() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Kernels.select("vector", false));
        assertTrue(error.getMessage().contains("--add-modules jdk.incubator.vector"), error.getMessage());
    }

    @Test
    void unknownSettingFailsNamingTheProperty() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Kernels.select("fast", true));
        assertTrue(error.getMessage().contains("freshet.scoring.kernel") && error.getMessage().contains("fast"),
                error.getMessage());
    }

    @Test
    void thisTestJvmHasTheModuleSoStartUpChoseVector() {
        assertTrue(Kernels.vectorModulePresent());
        assertEquals("vector", Scorer.kernelName());
    }
}
