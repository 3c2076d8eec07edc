package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real cron daemon runs cron/freshet-train every minute from an installed crontab; a version appears and
 * then the pointer moves to a second one. Needs the Debian {@code cron} package (.ci/run installs it) and root
 * (to install a crontab); the caller's crontab is restored afterwards.
 */
@Tag("slow")
class CronDaemonIT {
    @TempDir
    Path dir;

    @Test
    void cronRunsTheWrapperEveryMinuteAndThePointerMoves() throws Exception {
        assertEquals(0, Scripts.run(Map.of(), "sh", "-c", "command -v cron && command -v crontab").code(),
                "the cron package is installed (apt-get install cron; .ci/run does it)");
        Path ratings = dir.resolve("ratings.dat");
        assertEquals(0, CliRun.trainer("generate", "--users", "200", "--items", "80", "--ratings", "3000", "--out",
                ratings.toString()).code());
        Path storePath = dir.resolve("store");
        Path env = Scripts.writeEnv(dir.resolve("trainer.env"), Map.of("FRESHET_STORE", storePath.toString(),
                "FRESHET_INPUT", ratings.toString(), "FRESHET_FIT_ARGS", "--rank 3 --iterations 2 --master local[1]",
                "FRESHET_LOG_DIR", dir.resolve("logs").toString(),
                "FRESHET_JAVA_OPTS", "-Xmx1g -Djava.io.tmpdir=" + dir,
                "JAVA_HOME", System.getProperty("java.home")));
        Path wrapper = Scripts.root().resolve("cron/freshet-train");
        Path crontab = dir.resolve("crontab");
        Files.writeString(crontab, "SHELL=/bin/bash\nPATH=/usr/local/bin:/usr/bin:/bin\n"
                + "* * * * * " + wrapper + " " + env + " >> " + dir.resolve("cron.out") + " 2>&1\n");

        Scripts.Result saved = Scripts.run(Map.of(), "crontab", "-l");
        Process daemon = null;
        try {
            assertEquals(0, Scripts.run(Map.of(), "crontab", crontab.toString()).code());
            boolean running = Scripts.run(Map.of(), "sh", "-c", "pgrep -x cron").code() == 0;
            if (!running) {
                daemon = new ProcessBuilder("cron", "-f").redirectErrorStream(true)
                        .redirectOutput(dir.resolve("crond.log").toFile()).start();
            }
            ModelStore store = ModelStore.open(storePath.toString(), new Configuration());
            await("a first version from cron", () -> store.current().isPresent(), 150);
            Optional<VersionId> first = store.current();
            await("a second version and the pointer moved", () -> store.versions().size() >= 2
                    && !store.current().equals(first), 150);
            assertNotEquals(first, store.current());
            List<VersionId> versions = store.versions();
            assertEquals(versions.get(versions.size() - 1), store.current().orElseThrow());
        } finally {
            if (saved.code() == 0) {
                Path back = dir.resolve("crontab.saved");
                Files.writeString(back, saved.out());
                Scripts.run(Map.of(), "crontab", back.toString());
            } else {
                Scripts.run(Map.of(), "crontab", "-r");
            }
            if (daemon != null) {
                daemon.destroy();
                daemon.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void await(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(500);
        }
    }
}
