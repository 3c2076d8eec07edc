package io.freshet.data;

import java.io.Serializable;

/** How many lines (blank ones and headers included) the split of {@code file} starting at byte {@code start} read. */
record SplitLines(String file, long start, long lines) implements Serializable {
}
