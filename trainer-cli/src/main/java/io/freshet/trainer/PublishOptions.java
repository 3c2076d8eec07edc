package io.freshet.trainer;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How {@code fit} and {@code tune} publish: whether the pointer may move, and when leftovers count as stale. */
final class PublishOptions {
    @Option(names = "--no-promote", description = "Publish the version without moving the current pointer.")
    boolean noPromote;

    @Option(names = "--temporary-grace", defaultValue = "PT1H", paramLabel = "DURATION",
            description = "Remove leftover temporaries older than this (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration temporaryGrace;
}
