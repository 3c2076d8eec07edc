/**
 * Rating input: readers for MovieLens, delimited, CSV and Parquet ratings on any Hadoop FileSystem, which
 * parse and validate on the Spark executors and name every bad line by file, line and field
 * (docs/input-formats.md); and the synthetic rating generator. Owns nothing of training, the store or
 * scoring, and never reads a whole input on the driver.
 */
package io.freshet.data;
