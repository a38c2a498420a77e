package dev.stackscope.shell;

import dev.stackscope.output.Output;

/**
 * Produces the frames of a live view. {@code out} renders at the view's current width; notes and
 * warnings written to it appear in the view's header (full screen) or on stderr (plain).
 */
@FunctionalInterface
public interface FrameSource {
  Frame next(Output out) throws Exception;
}
