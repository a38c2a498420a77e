package dev.stackscope.http;

/** A status line and its header section. */
public record ResponseHead(String version, int status, String reason, Headers headers) {}
