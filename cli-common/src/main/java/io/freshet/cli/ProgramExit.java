package io.freshet.cli;

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
            throw new SparkUserAppException(code);
        }
    }

    /** The ApplicationMaster sets both properties before it calls the driver's main method. */
    static boolean inYarnClusterDriver() {
        return System.getProperty("spark.yarn.app.id") != null
                && "cluster".equals(System.getProperty("spark.submit.deployMode"));
    }
}
