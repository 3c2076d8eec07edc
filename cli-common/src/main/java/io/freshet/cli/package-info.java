/**
 * Command-line plumbing both CLIs share: exit codes and the one place exceptions map to them, the
 * {@code --store}, Spark and {@code --verbose} option mixins. No domain logic.
 */
package io.freshet.cli;
