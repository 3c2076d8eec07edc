/**
 * The artifact format: Freshet's compact factor file ({@code factors.bin}) and seen-item file
 * ({@code seen.bin}), their writer and validating reader, and the in-memory values they hold. Plain data
 * only (no Java serialization in files), readable without Spark. Does not know the store layout beyond the
 * file names, nor anything about streaming.
 */
package io.freshet.artifact;
