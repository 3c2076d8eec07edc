package io.freshet.scoring;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.util.Arrays;

/** Run in a child JVM by {@link KernelStartUpTest}: prints the kernel start-up chose, then one top-N list. */
public final class KernelProbe {
    private KernelProbe() {
    }

    static FactorMatrix users() {
        return Factors.exact(3, 5, 71);
    }

    static FactorMatrix items() {
        return Factors.exact(40, 5, 72);
    }

    public static void main(String[] args) {
        Scorer scorer = Scorer.create(users(), items(), SeenItems.empty());
        System.out.println(Scorer.kernelName());
        System.out.println(Arrays.toString(scorer.topN(2, 6, false).itemIds()));
    }
}
