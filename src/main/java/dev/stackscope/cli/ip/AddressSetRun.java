package dev.stackscope.cli.ip;

import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.Cidr;
import dev.stackscope.ip.InvalidAddressException;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.IpTarget;
import dev.stackscope.ip.SetArithmetic;
import dev.stackscope.output.Output;
import dev.stackscope.output.Sanitizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ip --aggregate/--exclude/--intersect/--split/--enumerate/--overlaps}: read, compute,
 * print.
 */
final class AddressSetRun {
  /** Inputs held in memory at the most (set operations need them all). */
  static final int MAX_INPUTS = 1 << 24;

  /** A block of the result, as --json shows it. */
  record Block(String cidr, String first, String last, BigInteger size) {
    static Block of(Cidr c) {
      return new Block(c.toString(), c.first().toString(), c.last().toString(), c.size());
    }
  }

  /** Two overlapping inputs, as --json shows them. */
  record OverlapPair(String first, String second, List<String> shared) {}

  private final SetOptions options;
  private final Function<String, RuntimeException> usageError;

  AddressSetRun(SetOptions options, Function<String, RuntimeException> usageError) {
    this.options = options;
    this.usageError = usageError;
  }

  /** Checks the options that do not depend on the inputs; returns the request. */
  SetArithmetic.Request request() {
    if (options.overlaps
        && (options.aggregate
            || options.intersect
            || options.enumerate
            || options.split != null
            || !options.excludes.isEmpty())) {
      throw usageError.apply("--overlaps stands alone: it reports pairs of inputs");
    }
    if (options.enumerate && options.split != null) {
      throw usageError.apply("--enumerate and --split are alternatives: choose one");
    }
    if (options.limit < 1 || options.limit > MAX_INPUTS) {
      throw usageError.apply("--limit " + options.limit + ": expected 1 to " + MAX_INPUTS);
    }
    List<IpTarget> excludes = new ArrayList<>();
    for (String e : options.excludes) {
      try {
        excludes.add(AddressParser.parseTarget(e));
      } catch (InvalidAddressException ex) {
        throw usageError.apply("--exclude " + e + ": " + ex.getMessage());
      }
    }
    return new SetArithmetic.Request(options.intersect, excludes, split(), options.limit);
  }

  private SetArithmetic.Split split() {
    String s = options.split;
    if (s == null) {
      return null;
    }
    boolean prefix = s.startsWith("/");
    String digits = prefix ? s.substring(1) : s;
    if (!digits.matches("[0-9]{1,9}")) {
      throw usageError.apply(
          "--split " + s + ": expected /N (a prefix length) or N (a number of parts)");
    }
    int n = Integer.parseInt(digits);
    if (prefix && n > 128) {
      throw usageError.apply("--split " + s + ": prefix lengths end at /128");
    }
    if (!prefix && (n < 1 || Integer.bitCount(n) != 1)) {
      throw usageError.apply("--split " + s + ": the number of parts must be a power of two");
    }
    return prefix ? SetArithmetic.Split.toPrefix(n) : SetArithmetic.Split.intoParts(n);
  }

  ExitCode run(Output out, SetArithmetic.Request request, Iterator<String> source) {
    List<String> texts = new ArrayList<>();
    List<IpTarget> targets = new ArrayList<>();
    int invalid = 0;
    while (source.hasNext()) {
      String text = source.next();
      if (targets.size() + invalid >= MAX_INPUTS) {
        throw new CommandException(
            ExitCode.USAGE, "more than " + MAX_INPUTS + " inputs (the limit of the set options)");
      }
      try {
        targets.add(AddressParser.parseTarget(text));
        texts.add(text);
      } catch (InvalidAddressException e) {
        out.note(text + ": " + e.getMessage());
        invalid++;
      }
    }
    if (invalid > 0) {
      // a union, a difference or a split of part of the inputs would look like the whole answer
      throw CommandException.failure(invalid + " invalid input(s): no result");
    }
    try {
      if (options.overlaps) {
        List<OverlapPair> pairs = new ArrayList<>();
        for (SetArithmetic.Overlap o : SetArithmetic.overlaps(targets, request.limit())) {
          pairs.add(
              new OverlapPair(
                  texts.get(o.first()),
                  texts.get(o.second()),
                  o.shared().stream().map(Cidr::toString).toList()));
        }
        print(
            out,
            pairs,
            p ->
                Sanitizer.clean(
                    p.first() + " overlaps " + p.second() + ": " + String.join(" ", p.shared())),
            p -> p);
      } else if (options.enumerate) {
        print(
            out,
            SetArithmetic.enumerate(targets, request),
            IpAddress::toString,
            IpAddress::toString);
      } else {
        print(out, SetArithmetic.blocks(targets, request), Cidr::toString, Block::of);
      }
    } catch (SetArithmetic.RefusedException e) {
      String option =
          options.overlaps
              ? "--overlaps"
              : options.enumerate ? "--enumerate" : "--split " + options.split;
      throw new CommandException(ExitCode.USAGE, option + ": " + e.getMessage());
    }
    return ExitCode.OK;
  }

  private static <T> void print(
      Output out, List<T> items, Function<T, String> line, Function<T, Object> json) {
    if (out.json()) {
      var array = out.jsonArray();
      items.forEach(i -> array.add(json.apply(i)));
      array.close();
      return;
    }
    Writer w = new BufferedWriter(out.stdout(), 1 << 16);
    try {
      for (T i : items) {
        w.write(line.apply(i));
        w.write('\n');
      }
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
