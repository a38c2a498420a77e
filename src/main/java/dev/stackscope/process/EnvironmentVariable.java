package dev.stackscope.process;

/**
 * One variable of a process's environment.
 *
 * @param name the name
 * @param value the value as the process has it (callers mask it when {@link #secret})
 * @param secret the name looks like it holds a secret, or the value is a URL with a password
 */
public record EnvironmentVariable(String name, String value, boolean secret) {}
