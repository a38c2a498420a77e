package dev.stackscope.http;

import java.io.IOException;

/** The server broke HTTP/1.1's message syntax or one of stackscope's size limits. */
public final class HttpProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  public HttpProtocolException(String message) {
    super(message);
  }
}
