#!/usr/bin/env python3
"""Loopback stand-in for ECR's GetAuthorizationToken (AWS JSON 1.1 protocol), for the benchmarks.

  ecr_token_standin.py PORT PASSWORD_FILE

POST / with X-Amz-Target AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken answers
{"authorizationData":[{"authorizationToken": base64("AWS:" + password), "expiresAt": now + 12 h, ...}]}.
Any other request gets 400. It never logs the password. Binds 127.0.0.1 only.
"""
import base64
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TARGET = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.reply(400, {"__type": "SerializationException"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.headers.get("X-Amz-Target") != TARGET or not self.headers.get("Authorization", "").startswith("AWS4-"):
            self.reply(400, {"__type": "UnrecognizedClientException"})
            return
        with open(self.server.password_file) as f:
            password = f.read().strip()
        token = base64.b64encode(("AWS:" + password).encode()).decode()
        self.reply(200, {"authorizationData": [{"authorizationToken": token, "expiresAt": time.time() + 43200,
                                                "proxyEndpoint": "https://123456789012.dkr.ecr.us-east-1.amazonaws.com"}]})

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        sys.stderr.write("ecr-api %s\n" % (fmt % args))


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.password_file = sys.argv[2]
    server.serve_forever()


if __name__ == "__main__":
    main()
