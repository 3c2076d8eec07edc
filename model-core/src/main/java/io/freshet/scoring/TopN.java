package io.freshet.scoring;

/** Top-N of one user: descending score; ties broken by ascending item id. */
public record TopN(int[] itemIds, float[] scores) {
}
