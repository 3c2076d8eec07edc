package io.freshet.trainer.eval;

import io.freshet.store.Manifest;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The ALS settings {@code trainer tune} tries (docs/metrics.md, "Tuning"). Without {@code random}: every
 * combination of the lists, in order (rank, then reg-param, then alpha). With {@code random = N}: N settings
 * drawn with {@code seed} from the span of each list, rank uniformly among the integers, reg-param and alpha
 * log-uniformly (uniformly when the span starts at 0), rounded to three significant digits; a list of one value
 * fixes that parameter. Alpha only matters for implicit feedback, so it is fixed to the base value otherwise.
 */
public record SearchSpace(List<Integer> ranks, List<Double> regParams, List<Double> alphas, int random, long seed) {
    private static final MathContext THREE_DIGITS = new MathContext(3);

    public SearchSpace {
        ranks = List.copyOf(Objects.requireNonNull(ranks, "--ranks"));
        regParams = List.copyOf(Objects.requireNonNull(regParams, "--reg-params"));
        alphas = List.copyOf(Objects.requireNonNull(alphas, "--alphas"));
        if (ranks.isEmpty() || regParams.isEmpty() || alphas.isEmpty()) {
            throw new IllegalArgumentException("--ranks, --reg-params and --alphas need at least one value each");
        }
        for (int r : ranks) {
            if (r < 1) {
                throw new IllegalArgumentException("--ranks values must be at least 1, got " + r);
            }
        }
        for (double r : regParams) {
            if (!(r >= 0) || !Double.isFinite(r)) {
                throw new IllegalArgumentException("--reg-params values must be finite numbers >= 0, got " + r);
            }
        }
        for (double a : alphas) {
            if (!(a >= 0) || !Double.isFinite(a)) {
                throw new IllegalArgumentException("--alphas values must be finite numbers >= 0, got " + a);
            }
        }
        if (random < 0) {
            throw new IllegalArgumentException("--random must be >= 0, got " + random);
        }
    }

    /** The settings to try: {@code base} with rank, reg-param and alpha from this space. */
    public List<Manifest.AlsParams> candidates(Manifest.AlsParams base) {
        List<Double> alphaValues = base.implicitPrefs() ? alphas : List.of(base.alpha());
        List<Manifest.AlsParams> out = new ArrayList<>();
        if (random == 0) {
            for (int rank : ranks) {
                for (double reg : regParams) {
                    for (double alpha : alphaValues) {
                        out.add(with(base, rank, reg, alpha));
                    }
                }
            }
            return out;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int minRank = Collections.min(ranks);
        int maxRank = Collections.max(ranks);
        for (int i = 0; i < random; i++) {
            int rank = minRank + rnd.nextInt(maxRank - minRank + 1);
            double reg = draw(rnd, Collections.min(regParams), Collections.max(regParams));
            double alpha = draw(rnd, Collections.min(alphaValues), Collections.max(alphaValues));
            out.add(with(base, rank, reg, alpha));
        }
        return out;
    }

    private static Manifest.AlsParams with(Manifest.AlsParams base, int rank, double reg, double alpha) {
        return base.with(rank, reg, alpha);
    }

    static double draw(SplittableRandom rnd, double min, double max) {
        double u = rnd.nextDouble();
        if (min == max) {
            return min;
        }
        double v = min > 0 ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
        return new BigDecimal(v).round(THREE_DIGITS).doubleValue();
    }
}
