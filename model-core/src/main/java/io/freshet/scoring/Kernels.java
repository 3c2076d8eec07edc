package io.freshet.scoring;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * Chooses the kernel once, at class initialisation: the Vector API kernel when the {@code jdk.incubator.vector}
 * module is in the boot layer, else the scalar one. The system property {@value #PROPERTY} forces a choice:
 * {@code scalar}, {@code vector} (an error when the module is absent) or {@code auto} (the default).
 */
final class Kernels {
    static final String PROPERTY = "freshet.scoring.kernel";
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final BlockKernel CHOSEN = select(System.getProperty(PROPERTY, "auto"), vectorModulePresent());

    private Kernels() {
    }

    /** The kernel chosen at start-up. */
    static BlockKernel chosen() {
        return CHOSEN;
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * The kernel a property value asks for.
     *
     * @param setting         {@code auto}, {@code vector} or {@code scalar} (any case)
     * @param vectorAvailable whether the Vector API module can be used
     */
    static BlockKernel select(String setting, boolean vectorAvailable) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "scalar" -> new ScalarKernel();
            case "auto" -> vectorAvailable ? vector() : new ScalarKernel();
            case "vector" -> {
                if (!vectorAvailable) {
                    throw new IllegalStateException(PROPERTY + "=vector but module " + VECTOR_MODULE
                            + " is not loaded: run the JVM with --add-modules " + VECTOR_MODULE);
                }
                yield vector();
            }
            default -> throw new IllegalArgumentException(PROPERTY + " must be auto, vector or scalar, got '"
                    + setting + "'");
        };
    }

    /** The Vector API kernel, loaded by name so that nothing links it unless it is chosen. */
    static BlockKernel vector() {
        try {
            return (BlockKernel) Class.forName(Kernels.class.getPackageName() + ".VectorKernel")
                    .getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot load the vector scoring kernel", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the vector scoring kernel failed to start", e.getCause());
        }
    }
}
