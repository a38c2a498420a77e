package dev.stackscope.process;

import java.util.List;

/**
 * A process in a tree: the process, its child processes in display order, and its threads other
 * than the main one (empty unless asked for).
 */
public record ProcessNode(
    ProcessInfo process, List<ProcessNode> children, List<ProcessThread> threads) {}
