#!/usr/bin/env python3
"""Load client for the crash storm that knows which worker each failed request was sent to.

C connections (threads), HTTP/1.1 keep-alive, one request in flight per connection (as wrk). Every answer
names the worker's pid ("hello from <pid>"), so each connection knows the worker that holds it. When a request
fails (reset, connection closed before a complete answer, timeout) the failure is charged to that worker; a
connection that fails before its first answer is "fresh" (handed to a worker that died before answering, or
closed by the primary while no worker was alive: it has no known owner). A refused connect is counted apart.

After the run, the failures are split with the crash log (CRASH_LOG lines `crash pid=<pid> ...`):
  to_crashed:   the connection's worker crashed       -- expected, "in flight to the crashing worker";
  to_survivor:  the connection's worker never crashed -- collateral damage, must be 0;
  fresh:        no answer yet on that connection;
  refused:      connect() refused (no listening socket: every worker was dead at once).

With CLOSE=1 in the environment every request goes on a new connection (`Connection: close`): each failure is
then "fresh", and the split above says nothing; compare the failures with the crashes instead.

Usage: storm_client.py PORT SECONDS CONNECTIONS CRASH_LOG   -- prints one JSON line.
"""
import json
import os
import re
import socket
import sys
import threading
import time

port, seconds, connections, crash_log = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
CLOSE = os.environ.get("CLOSE") == "1"
REQUEST = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (b"Connection: close\r\n" if CLOSE else b"") + b"\r\n"
PID = re.compile(rb"(?:hello from|crashing) (\d+)")

lock = threading.Lock()
stats = {"requests": 0, "non2xx": 0, "refused": 0, "fresh": 0, "timeouts": 0}
failures_by_pid = {}
answers_by_pid = {}
deadline = time.monotonic() + seconds


def read_response(sock, buf):
    """Reads one response; returns (status, body, rest of buffer) or raises on EOF/reset/timeout."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    m = re.search(rb"\r\ncontent-length:\s*(\d+)", head, re.I)
    if m:
        length = int(m.group(1))
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            rest += chunk
        return status, rest[:length], rest[length:]
    # chunked: read until the terminating chunk
    while not rest.endswith(b"0\r\n\r\n"):
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        rest += chunk
    return status, rest, b""


def connection():
    while time.monotonic() < deadline:
        sock = socket.socket()
        sock.settimeout(2)
        try:
            sock.connect(("127.0.0.1", port))
        except ConnectionRefusedError:
            with lock:
                stats["refused"] += 1
            sock.close()
            time.sleep(0.001)
            continue
        except OSError:
            with lock:
                stats["refused"] += 1
            sock.close()
            continue
        owner = None
        buf = b""
        try:
            while time.monotonic() < deadline:
                sock.sendall(REQUEST)
                status, body, buf = read_response(sock, buf)
                m = PID.search(body)
                owner = int(m.group(1)) if m else owner
                with lock:
                    stats["requests"] += 1
                    if not 200 <= status < 300:
                        stats["non2xx"] += 1
                    answers_by_pid[owner] = answers_by_pid.get(owner, 0) + 1
                if CLOSE:
                    break
        except (OSError, ConnectionError, ValueError, IndexError) as err:
            with lock:
                if isinstance(err, socket.timeout):
                    stats["timeouts"] += 1
                if owner is None:
                    stats["fresh"] += 1
                else:
                    failures_by_pid[owner] = failures_by_pid.get(owner, 0) + 1
        finally:
            sock.close()


threads = [threading.Thread(target=connection) for _ in range(connections)]
started = time.monotonic()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - started

crashed = set()
bound = 0
try:
    for line in open(crash_log):
        fields = dict(kv.split("=") for kv in line.split()[1:])
        crashed.add(int(fields["pid"]))
        bound += int(fields["open"])
except FileNotFoundError:
    pass
to_crashed = sum(n for pid, n in failures_by_pid.items() if pid in crashed)
to_survivor = sum(n for pid, n in failures_by_pid.items() if pid not in crashed)
print(json.dumps({
    **stats,
    "failed": stats["fresh"] + sum(failures_by_pid.values()),
    "rps": round(stats["requests"] / elapsed, 1),
    "to_crashed": to_crashed,
    "to_survivor": to_survivor,
    "survivors_with_failures": sorted(pid for pid in failures_by_pid if pid not in crashed),
    "crashes": len(crashed),
    "cut_bound": bound,
    "workers_answering": len(answers_by_pid),
}))
