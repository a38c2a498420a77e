package dev.stackscope.process;

/** A thread of a process: its id (TID) and name. */
public record ProcessThread(int tid, String name) {}
