package dev.stackscope.stack;

import dev.stackscope.stack.Explanation.Target;
import java.time.Duration;

/**
 * What {@code explain} is asked: the target, and whether (and how long per address) to connect.
 *
 * @param target the parsed target ({@link Explainer#parseTarget})
 * @param connect whether to open a TCP connection to the addresses found
 * @param connectTimeout the longest wait for each connection attempt
 */
public record ExplainRequest(Target target, boolean connect, Duration connectTimeout) {}
