package dev.stackscope.cli.ip;

import dev.stackscope.cli.ExitCode;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.AddressSet;
import dev.stackscope.ip.Cidr;
import dev.stackscope.ip.InvalidAddressException;
import dev.stackscope.ip.IpTarget;
import dev.stackscope.ip.ReverseZones;
import dev.stackscope.output.JsonRenderer;
import dev.stackscope.output.Output;
import dev.stackscope.output.Sanitizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;

/** {@code ip --reverse}: the PTR name of each address, the reverse zones of each block or range. */
final class ReverseRun {
  /**
   * One input's reverse DNS, as --json shows it.
   *
   * @param name the PTR name of an address (null for a block or range)
   * @param zones the zones holding a block's or range's names (empty for an address)
   * @param rfc2317 RFC 2317 sub-zones for IPv4 blocks of /25 to /31 (their CNAMEs in {@code zones})
   */
  record Reverse(String input, String name, List<String> zones, List<String> rfc2317) {}

  private ReverseRun() {}

  /** Streams the inputs: one line per name or zone, {@code INPUT<TAB>NAME[<TAB>note]}. */
  static ExitCode run(Output out, Iterator<String> inputs) {
    boolean failed = false;
    JsonRenderer.ArrayWriter array = out.json() ? out.jsonArray() : null;
    Writer w = array == null ? new BufferedWriter(out.stdout(), 1 << 16) : null;
    try {
      while (inputs.hasNext()) {
        String input = inputs.next();
        Reverse r;
        try {
          r = of(input);
        } catch (InvalidAddressException e) {
          if (w != null) {
            w.flush();
          }
          out.note(input + ": " + e.getMessage());
          failed = true;
          continue;
        }
        if (array != null) {
          array.add(r);
        } else {
          write(w, r);
        }
      }
      if (w != null) {
        w.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (array != null) {
        array.close();
      }
    }
    return failed ? ExitCode.FAILURE : ExitCode.OK;
  }

  static Reverse of(String input) {
    IpTarget t = AddressParser.parseTarget(input);
    if (t instanceof IpTarget.Single s) {
      return new Reverse(input, ReverseZones.pointer(s.address()), List.of(), List.of());
    }
    List<Cidr> blocks =
        t instanceof IpTarget.Block b
            ? List.of(new Cidr(b.network(), b.prefix()))
            : AddressSet.of(List.of(t)).cidrs();
    ReverseZones.Zones z = ReverseZones.of(blocks);
    return new Reverse(input, null, z.zones(), z.rfc2317());
  }

  private static void write(Writer w, Reverse r) throws IOException {
    String input = Sanitizer.clean(r.input());
    if (r.name() != null) {
      w.write(input + "\t" + r.name() + "\n");
      return;
    }
    for (String zone : r.zones()) {
      w.write(input + "\t" + zone + "\n");
    }
    for (String sub : r.rfc2317()) {
      w.write(input + "\t" + sub + "\t(RFC 2317 sub-zone: delegated by CNAMEs in the /24 zone)\n");
    }
  }
}
