package dev.stackscope.cli;

import dev.stackscope.net.PortNumber;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The type of every option that takes a port ({@code ports --port}, {@code dns trace --port},
 * {@code explain --port}): a number from 1 to 65535, checked while the command line is parsed, so a
 * bad one is a usage error (exit 2) before the command starts.
 */
public final class PortConverter implements ITypeConverter<Integer> {
  @Override
  public Integer convert(String value) {
    int port = PortNumber.parse(value.strip());
    if (port < 0) {
      throw new TypeConversionException(
          "'" + value + "' is not a port; accepted: a number from 1 to 65535");
    }
    return port;
  }
}
