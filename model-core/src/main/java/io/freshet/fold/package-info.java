/**
 * Fold-in: re-solving one user's vector from the user's ratings against a version's item factors, with the
 * formula, regularisation and confidence of the ALS fit that made the version, so that ratings arriving between
 * two fits change the user's lists at once. Pure Java (the BLAS and LAPACK routines Spark's ALS uses); no Spark.
 */
package io.freshet.fold;
