package dev.stackscope.cli.stack;

import dev.stackscope.net.PublishedPort;
import dev.stackscope.output.Detail;

/** {@code explain}'s fields for a published port: the way in, the container, its address. */
final class PublishedPortLines {
  private PublishedPortLines() {}

  static void fields(Detail.Section s, PublishedPort p) {
    s.field(
        "published via",
        p.via()
            + " pid "
            + p.viaPid()
            + (p.rule() == null ? "" : " (DNAT rule in " + p.rule() + ")"));
    s.field(
        "container",
        p.container() != null
            ? p.container()
            : p.netns() != null ? p.netns().label() : "(not found)");
    if (p.address() != null && p.port() != null) {
      s.field("container address", p.address() + " port " + p.port());
    } else if (p.port() != null) {
      s.field("container port", Integer.toString(p.port())); // relayed (rootlessport)
    }
  }
}
