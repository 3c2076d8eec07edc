package io.freshet.trainer;

import io.freshet.data.SyntheticRatings;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * Test ratings from {@code trainer generate}'s generator (rank-4 latent structure), whose users rate what they
 * like as well as what is popular, as on real sites: a model that learns taste ranks them better than the
 * most-popular list, which is what the quality gate's lift checks.
 */
final class PreferenceRatings {
    private PreferenceRatings() {
    }

    /** Writes {@code users x perUser} ratings of {@code items} items (MovieLens format, timestamps) to a new file. */
    static Path write(Path file, int users, int items, int perUser, long seed) {
        SyntheticRatings.write(new SyntheticRatings.Spec(users, items, (long) users * perUser, 4, seed), file.toString(),
                new Configuration());
        return file;
    }
}
