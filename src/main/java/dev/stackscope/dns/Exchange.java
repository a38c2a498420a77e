package dev.stackscope.dns;

import java.net.InetSocketAddress;
import org.xbill.DNS.Message;

/** One reply to one query: the parsed message, how long it took and its size on the wire. */
public record Exchange(
    InetSocketAddress server, Protocol protocol, Message reply, double rttMs, int bytes) {}
