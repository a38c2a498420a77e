# A loopback DNS responder for benchmarks: answers every query NXDOMAIN, authoritative.
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
while True:
    q, peer = s.recvfrom(4096)
    if len(q) < 12:
        continue
    r = bytearray(q)
    r[2] = 0x84 | (q[2] & 0x01)  # QR, AA, keep RD
    r[3] = 0x03                  # NXDOMAIN
    r[6:12] = b"\0" * 6          # no answer/authority/additional
    # keep only the question section: drop any OPT record (arcount is 0 now)
    i = 12
    while q[i] != 0:
        i += q[i] + 1
    i += 5
    s.sendto(bytes(r[:i]), peer)
