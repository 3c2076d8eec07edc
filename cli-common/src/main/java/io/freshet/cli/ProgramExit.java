package io.freshet.cli;

import java.lang.reflect.Constructor;
import org.apache.spark.SparkUserAppException;

/**
 * Ends a command line with its exit code. In a driver that Spark's YARN ApplicationMaster runs (spark-submit
 * --master yarn --deploy-mode cluster) the JVM is the ApplicationMaster's: a System.exit there, even exit 0, makes it
 * report the application FAILED ("Shutdown hook called before final status was reported") and YARN start another
 * attempt. There the code goes back to the ApplicationMaster instead: 0 returns, so the application is FINISHED
 * SUCCEEDED; any other code is thrown as Spark's own SparkUserAppException, which the ApplicationMaster turns into
 * FAILED with that code as its container's exit status.
 */
public final class ProgramExit {
    private ProgramExit() {
    }

    public static void exit(int code) throws SparkUserAppException {
        if (!inYarnClusterDriver()) {
            System.exit(code);
        } else if (code != 0) {
            throw userAppException(code);
        }
    }

    /**
     * Spark's exception for an exit code. Its constructor differs between the Spark lines Freshet builds against
     * ({@code (int)} in 4.0, {@code (int, Throwable)} in 4.1), so it is found by its first parameter, the code.
     */
    static SparkUserAppException userAppException(int code) {
        for (Constructor<?> constructor : SparkUserAppException.class.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length >= 1 && parameters[0] == int.class) {
                Object[] arguments = new Object[parameters.length];
                arguments[0] = code;
                try {
                    return (SparkUserAppException) constructor.newInstance(arguments);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot make Spark's exit-code exception for exit " + code, e);
                }
            }
        }
        throw new IllegalStateException("this Spark's SparkUserAppException takes no exit code");
    }

    /** The ApplicationMaster sets both properties before it calls the driver's main method. */
    static boolean inYarnClusterDriver() {
        return System.getProperty("spark.yarn.app.id") != null
                && "cluster".equals(System.getProperty("spark.submit.deployMode"));
    }
}
