package dev.stackscope.net;

/** A process holding a socket open: its PID, command name ({@code comm}) and user. */
public record SocketOwner(int pid, String process, String user) {}
