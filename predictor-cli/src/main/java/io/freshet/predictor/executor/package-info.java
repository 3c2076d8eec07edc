/**
 * What runs on the executors: the per-partition scoring of a batch ({@link io.freshet.predictor.executor.PartitionScoring})
 * and the records it yields ({@link io.freshet.predictor.executor.BatchRecord}), and the readers that build a joined
 * model's cached user side from the version's files ({@link io.freshet.predictor.executor.UserSideLoader}, user
 * blocks, store file records, partition chunks). It knows nothing of placement, streams or command lines.
 */
package io.freshet.predictor.executor;
