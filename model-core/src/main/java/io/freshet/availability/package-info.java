/**
 * Item availability (docs/store-format.md, "Item availability"): a deployment's list of the items that may be
 * recommended (allow) or may not (deny), its file format, and the value every list's scan obeys. Knows no store and
 * no scoring.
 */
package io.freshet.availability;
