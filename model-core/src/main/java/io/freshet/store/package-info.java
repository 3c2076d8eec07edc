/**
 * The model store: immutable, timestamped model versions and a "current" pointer under one Hadoop
 * FileSystem URI (local or HDFS). It owns the directory layout, the publish protocol (write under a
 * temporary name, checksum, write the manifest without overwriting, verify, rename), the pointer file and
 * its atomic replacement, the store lock and retention. docs/store-format.md is the contract.
 *
 * <p>It must not know what the files of a version mean (that is {@code artifact}'s job), and it must not
 * depend on Spark: only on Hadoop's FileSystem API, Jackson and SLF4J.
 */
package io.freshet.store;
