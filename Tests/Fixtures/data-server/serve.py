#!/usr/bin/env python3
"""A small HTTP server on 127.0.0.1 for lrlab's download tests.

Serves the files of a folder with byte-range support (206 for `Range: bytes=N-`), prints its port
on the first line of stdout, and logs every request to stderr as `GET NAME RANGE STATUS`.
`--cut NAME:BYTES` sends only the first BYTES of NAME on its first full request and then drops the
connection (a cut download); later requests are served whole.
"""
import argparse
import http.server
import os
import sys
import threading

parser = argparse.ArgumentParser()
parser.add_argument("root")
parser.add_argument("--cut", action="append", default=[])
args = parser.parse_args()
cuts = {name: int(count) for name, count in (c.rsplit(":", 1) for c in args.cut)}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def do_GET(self):
        name = os.path.basename(self.path)
        path = os.path.join(args.root, name)
        if not os.path.isfile(path):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            print(f"GET {name} - 404", file=sys.stderr, flush=True)
            return
        data = open(path, "rb").read()
        start = 0
        requested = self.headers.get("Range")
        if requested and requested.startswith("bytes=") and requested.endswith("-"):
            start = int(requested[len("bytes="):-1])
        status = 206 if start > 0 else 200
        body = data[start:]
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        with lock:
            cut = cuts.pop(name, None) if start == 0 else None
        print(f"GET {name} {start} {status}{' cut' if cut is not None else ''}", file=sys.stderr, flush=True)
        if cut is not None:
            self.wfile.write(body[:cut])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
