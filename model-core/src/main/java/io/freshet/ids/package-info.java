/**
 * The ids of users and items as the input named them. ALS and every artifact file work on int ids; a version fitted
 * on 64-bit or string ids maps them to dense int indices (0, 1, 2, ... in the ids' ascending order) and stores
 * the mapping as two dictionary files (docs/store-format.md, "Id dictionaries"). Plain data only, no Spark.
 */
package io.freshet.ids;
