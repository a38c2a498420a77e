package dev.stackscope.dns;

import dev.stackscope.dns.transport.TlsSession;
import java.util.ArrayList;
import java.util.List;

/** A step while it is being filled in. */
final class StepBuilder {
  int chain;
  String zone;
  String question;
  TraceStep.ServerRef server;
  String protocol;
  TraceStep.Outcome outcome;
  String rcode;
  List<String> flags = List.of();
  Double rttMs;
  Integer bytes;
  Double hedgedAfterMs;
  TraceDetail detail;
  final List<RecordData> records = new ArrayList<>();
  final List<RecordData> dropped = new ArrayList<>();
  final List<Trace> nested = new ArrayList<>();
  Validation dnssec;
  TlsSession tls;

  TraceStep build() {
    return new TraceStep(
        chain,
        zone,
        question,
        server,
        protocol,
        outcome,
        rcode,
        flags,
        rttMs,
        bytes,
        hedgedAfterMs,
        detail,
        List.copyOf(records),
        List.copyOf(dropped),
        List.copyOf(nested),
        dnssec,
        tls);
  }
}
