package dev.stackscope.process;

/**
 * A process with its CPU use over a sampling interval.
 *
 * @param process the process as seen at the end of the interval
 * @param cpuPercent CPU time used during the interval as a percentage of the interval (100 = one
 *     core busy; may exceed 100 for multi-threaded processes); over the process's lifetime when the
 *     interval is zero or the process started during it
 */
public record ProcessUsage(ProcessInfo process, double cpuPercent) {}
