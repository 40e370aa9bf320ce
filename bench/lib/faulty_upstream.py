#!/usr/bin/env python3
"""A registry stand-in that misbehaves on purpose (for bench/faults.sh): loopback only, prints its port.

  /v2/ and .../manifests/<ref>   200 {} at once
  .../blobs/<x>reset<y>          200 with a 10 MiB Content-Length, 64 KiB of it, then a TCP reset
  .../blobs/<anything else>      200 with a 10 MiB Content-Length, 64 KiB of it, then nothing (hangs)
"""
import socket
import socketserver
import struct
import sys
import threading

HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\n\r\n"
release = threading.Event()


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        f = self.request.makefile("rb")
        while True:
            line = f.readline()
            if not line:
                return
            while f.readline() not in (b"\r\n", b"\n", b""):
                pass
            path = line.split()[1].decode("latin-1")
            if "/blobs/" not in path:
                self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                continue
            self.request.sendall(HEAD.format(10 * 1024 * 1024).encode() + b"\0" * 65536)
            if "reset" in path:
                self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.request.close()
                return
            release.wait()
            return


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024


server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
sys.stdout.close()
server.serve_forever()
