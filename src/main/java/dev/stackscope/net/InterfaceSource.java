package dev.stackscope.net;

/** Where interfaces and the host's network parameters come from. */
public interface InterfaceSource {
  HostNetwork read();
}
