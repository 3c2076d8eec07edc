package io.freshet.scoring;

/**
 * Scores a group of {@link #GROUP} users against a range of item blocks and offers every lane that reaches a
 * user's threshold to that user's {@link UserTopN}. Implementations hold no state and are thread-safe.
 */
interface BlockKernel {
    /** Users scored per pass over an item block. */
    int GROUP = 8;

    /** "vector" or "scalar". */
    String name();

    /** The item block width this kernel wants ({@link ItemBlocks#lanes()}). */
    int lanes();

    /**
     * @param items      the transposed item factors, {@link #lanes()} wide
     * @param factors    user factors of the group, factor-major: factor {@code f} of user {@code k} of the group
     *                   at {@code factors[at + f * GROUP + k]}
     * @param at         where the group starts in {@code factors}
     * @param tops       the group's {@link #GROUP} running top-N lists (pad with {@link UserTopN#CLOSED})
     * @param blockFrom  first item block to scan
     * @param blockTo    item block to stop before
     */
    void scan(ItemBlocks items, float[] factors, int at, UserTopN[] tops, int blockFrom, int blockTo);
}
