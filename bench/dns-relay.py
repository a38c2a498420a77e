#!/usr/bin/env python3
"""Delaying DNS relay for bench/dns.sh: listens on FRONT:53 (UDP and TCP) for each FRONT=BACK pair,
waits DELAY ms, forwards to BACK:53, relays the reply. Counts every query it forwards and writes the
running total to COUNT_FILE (the number of queries that reached the authoritative hierarchy)."""
import asyncio, struct, sys

delay = float(sys.argv[1]) / 1000.0
count_file = sys.argv[2]
pairs = [p.split("=") for p in sys.argv[3:]]
total = 0


def counted():
    global total
    total += 1
    with open(count_file, "w") as f:
        f.write(str(total))


class Upstream(asyncio.DatagramProtocol):
    def __init__(self, fut):
        self.fut = fut

    def datagram_received(self, data, addr):
        if not self.fut.done():
            self.fut.set_result(data)


class Front(asyncio.DatagramProtocol):
    def __init__(self, back):
        self.back = back

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        counted()
        asyncio.ensure_future(self.forward(data, addr))

    async def forward(self, data, addr):
        loop = asyncio.get_running_loop()
        await asyncio.sleep(delay)
        fut = loop.create_future()
        t, _ = await loop.create_datagram_endpoint(lambda: Upstream(fut), remote_addr=(self.back, 53))
        try:
            t.sendto(data)
            reply = await asyncio.wait_for(fut, 5)
            self.transport.sendto(reply, addr)
        except asyncio.TimeoutError:
            pass
        finally:
            t.close()


def tcp_handler(back):
    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readexactly(2)
                msg = await reader.readexactly(struct.unpack("!H", head)[0])
                counted()
                await asyncio.sleep(delay)
                r, w = await asyncio.open_connection(back, 53)
                w.write(head + msg)
                await w.drain()
                rhead = await r.readexactly(2)
                reply = await r.readexactly(struct.unpack("!H", rhead)[0])
                w.close()
                writer.write(rhead + reply)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()
    return handle


async def main():
    loop = asyncio.get_running_loop()
    for front, back in pairs:
        await loop.create_datagram_endpoint(lambda b=back: Front(b), local_addr=(front, 53))
        await asyncio.start_server(tcp_handler(back), front, 53)
    with open(count_file, "w") as f:
        f.write("0")
    await asyncio.Event().wait()


asyncio.run(main())
