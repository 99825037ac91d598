#!/usr/bin/env python3
"""A webhook receiver for the command-line tests: listens on 127.0.0.1:PORT (0: any free
port, written to PORT_FILE), checks each request's Okr-Signature with SECRET, answers the
first FAILS requests 500 and the rest 200, and appends one JSON line per request to LOG:
{"delivery", "event", "valid", "status", "body"}.

usage: webhook_receiver.py PORT PORT_FILE LOG SECRET [FAILS]
"""
import hashlib
import hmac
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

port, port_file, log_path, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
fails = int(sys.argv[5]) if len(sys.argv) > 5 else 0
seen = 0


def valid(signature, body):
    try:
        parts = dict(p.split("=", 1) for p in signature.split(","))
        expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256)
        return hmac.compare_digest(expected.hexdigest(), parts["v1"])
    except (KeyError, ValueError):
        return False


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        global seen
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        seen += 1
        status = 500 if seen <= fails else 200
        with open(log_path, "a") as log:
            log.write(json.dumps({
                "delivery": self.headers.get("Okr-Delivery"),
                "event": self.headers.get("Okr-Event"),
                "valid": valid(self.headers.get("Okr-Signature", ""), body),
                "status": status,
                "body": json.loads(body or b"null"),
            }) + "\n")
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", port), Handler)
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
