#!/usr/bin/env python3
"""Fault injection for deploy/test-faults.sh (Python standard library only).

  fault_proxy.py proxy --listen 127.0.0.1:PORT --target 127.0.0.1:PORT
                       [--rate BYTES_PER_S] [--latency MS] [--jitter MS] [--seed N]
                       [--cut-after BYTES] [--stats FILE] [--ready FILE] [--max-seconds S]
      A TCP proxy: every byte from either side reaches the other --latency ms
      later (plus a seeded random 0..--jitter ms per chunk, never reordered),
      at most --rate bytes a second in each direction of each connection.
      --cut-after closes a connection once it has carried that many bytes
      (both directions together), mid-frame. --stats gets a JSON object of
      the bytes carried, rewritten after each connection ends. --ready gets
      a line once it listens.

  fault_proxy.py flood --target 127.0.0.1:PORT [--idle N] [--garbage N]
                       [--garbage-rounds N] [--seed N] [--ready FILE]
                       [--stats FILE] [--max-seconds S] [--stop-file FILE]
      Opens N plain TCP connections that never say anything, and --garbage
      connections that each send random bytes (seeded) --garbage-rounds
      times, reconnecting when the server closes them. Writes --ready once
      every idle connection was tried (a JSON object: connected, failed),
      then holds them until --stop-file exists, SIGTERM, or --max-seconds;
      --stats then gets what the server did to them (closed_by_server).

Every wait is bounded by --max-seconds (default 300): the process never
outlives a test that forgot it.
"""
import argparse
import asyncio
import json
import os
import random
import resource
import signal
import sys


def host_port(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError("expected HOST:PORT, got %r" % text)
    return host, int(port)


def write_atomically(path, text):
    if not path:
        return
    temporary = "%s.tmp.%d" % (path, os.getpid())
    with open(temporary, "w") as handle:
        handle.write(text)
    os.replace(temporary, path)


def raise_fd_limit(wanted):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


# ---------------------------------------------------------------- proxy

class Proxy:
    CHUNK = 4096

    def __init__(self, args):
        self.args = args
        self.random = random.Random(args.seed)
        self.stats = {"connections": 0, "open": 0, "bytes_to_target": 0, "bytes_to_client": 0, "cut": 0}

    def save(self):
        write_atomically(self.args.stats, json.dumps(self.stats) + "\n")

    async def pump(self, reader, writer, direction, carried):
        """Copies reader to writer with the link's latency, jitter and rate; returns when reader ends."""
        rate, latency, jitter = self.args.rate, self.args.latency / 1000.0, self.args.jitter / 1000.0
        loop = asyncio.get_running_loop()
        queue = asyncio.Queue(maxsize=64)  # back-pressure: at most 256 KB in flight per direction

        async def read():
            try:
                while True:
                    data = await reader.read(self.CHUNK)
                    extra = self.random.uniform(0, jitter) if jitter else 0.0
                    await queue.put((loop.time() + latency + extra, data))
                    if not data:
                        return
            except (ConnectionError, OSError):
                await queue.put((loop.time(), b""))

        async def write():
            next_free = 0.0
            due_before = 0.0
            while True:
                due, data = await queue.get()
                due = max(due, due_before)  # jitter never reorders bytes
                due_before = due
                delay = due - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
                if not data:
                    break
                if rate:
                    start = max(loop.time(), next_free)
                    if start > loop.time():
                        await asyncio.sleep(start - loop.time())
                    next_free = start + len(data) / rate
                if self.args.cut_after and carried[0] + len(data) > self.args.cut_after:
                    keep = max(0, self.args.cut_after - carried[0])
                    writer.write(data[:keep])
                    carried[0] += keep
                    self.stats[direction] += keep
                    self.stats["cut"] += 1
                    raise ConnectionAbortedError("cut")
                writer.write(data)
                carried[0] += len(data)
                self.stats[direction] += len(data)
                await writer.drain()
            if writer.can_write_eof():
                writer.write_eof()

        reading = asyncio.ensure_future(read())
        try:
            await write()
        finally:
            reading.cancel()

    async def handle(self, client_reader, client_writer):
        self.stats["connections"] += 1
        self.stats["open"] += 1
        target_writer = None
        try:
            host, port = self.args.target
            target_reader, target_writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
            carried = [0]
            tasks = [asyncio.ensure_future(self.pump(client_reader, target_writer, "bytes_to_target", carried)),
                     asyncio.ensure_future(self.pump(target_reader, client_writer, "bytes_to_client", carried))]
            done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
            if any(task.exception() for task in done if not task.cancelled()):
                for task in pending:
                    task.cancel()
            elif pending:
                await asyncio.wait(pending, timeout=self.args.max_seconds)
        except (ConnectionError, OSError, asyncio.TimeoutError):
            pass
        finally:
            for writer in (client_writer, target_writer):
                if writer is not None:
                    writer.close()
            self.stats["open"] -= 1
            self.save()

    async def run(self):
        host, port = self.args.listen
        server = await asyncio.start_server(self.handle, host, port)
        self.save()
        write_atomically(self.args.ready, "listening %s:%d\n" % (host, port))
        stop = asyncio.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            asyncio.get_running_loop().add_signal_handler(sig, stop.set)
        try:
            await asyncio.wait_for(stop.wait(), self.args.max_seconds)
        except asyncio.TimeoutError:
            pass
        server.close()
        self.save()


# ---------------------------------------------------------------- flood

class Flood:
    def __init__(self, args):
        self.args = args
        self.random = random.Random(args.seed)
        self.stats = {"idle_connected": 0, "idle_failed": 0, "closed_by_server": 0,
                      "garbage_connections": 0, "garbage_bytes": 0, "garbage_refused": 0}
        self.idle = []

    async def open_idle(self, index):
        host, port = self.args.target
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), self.args.connect_timeout)
        except (ConnectionError, OSError, asyncio.TimeoutError):
            self.stats["idle_failed"] += 1
            return
        self.stats["idle_connected"] += 1
        self.idle.append((reader, writer))

    async def watch(self, reader):
        # An idle connection says nothing; if the server closes it, read returns.
        try:
            await reader.read(65536)
        except (ConnectionError, OSError):
            pass
        self.stats["closed_by_server"] += 1

    async def garbage(self, index, stop):
        host, port = self.args.target
        rounds = 0
        while rounds < self.args.garbage_rounds and not stop.is_set():
            rounds += 1
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), self.args.connect_timeout)
            except (ConnectionError, OSError, asyncio.TimeoutError):
                self.stats["garbage_refused"] += 1
                await asyncio.sleep(0.2)
                continue
            self.stats["garbage_connections"] += 1
            payload = bytes(self.random.getrandbits(8) for _ in range(self.random.randint(16, 2048)))
            try:
                writer.write(payload)
                await writer.drain()
                self.stats["garbage_bytes"] += len(payload)
                # Wait (bounded) for the server to give up on it, then come back.
                await asyncio.wait_for(reader.read(65536), 5)
            except (ConnectionError, OSError, asyncio.TimeoutError):
                pass
            writer.close()
            await asyncio.sleep(0.05)

    async def run(self):
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        # Connect in waves of 100, so the server's accept backlog is not the limit being tested.
        for start in range(0, self.args.idle, 100):
            await asyncio.gather(*(self.open_idle(i) for i in range(start, min(start + 100, self.args.idle))))
        watchers = [asyncio.ensure_future(self.watch(reader)) for reader, _ in self.idle]
        garbage = [asyncio.ensure_future(self.garbage(i, stop)) for i in range(self.args.garbage)]
        write_atomically(self.args.ready, json.dumps({"connected": self.stats["idle_connected"],
                                                      "failed": self.stats["idle_failed"]}) + "\n")
        deadline = loop.time() + self.args.max_seconds
        while not stop.is_set() and loop.time() < deadline:
            if self.args.stop_file and os.path.exists(self.args.stop_file):
                break
            await asyncio.sleep(0.1)
        stop.set()
        await asyncio.wait(garbage, timeout=10) if garbage else None
        # Let watchers that already saw a close count it, then drop everything.
        await asyncio.sleep(0.1)
        for task in watchers + garbage:
            task.cancel()
        for _, writer in self.idle:
            writer.close()
        write_atomically(self.args.stats, json.dumps(self.stats) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    proxy = commands.add_parser("proxy")
    proxy.add_argument("--listen", type=host_port, required=True)
    proxy.add_argument("--target", type=host_port, required=True)
    proxy.add_argument("--rate", type=float, default=0, help="bytes per second per direction (0: unlimited)")
    proxy.add_argument("--latency", type=float, default=0, help="milliseconds added to every byte")
    proxy.add_argument("--jitter", type=float, default=0, help="up to this many more milliseconds per chunk (seeded)")
    proxy.add_argument("--cut-after", type=int, default=0, help="close a connection after this many bytes")
    flood = commands.add_parser("flood")
    flood.add_argument("--target", type=host_port, required=True)
    flood.add_argument("--idle", type=int, default=1100)
    flood.add_argument("--garbage", type=int, default=20)
    flood.add_argument("--garbage-rounds", type=int, default=10)
    flood.add_argument("--connect-timeout", type=float, default=3)
    flood.add_argument("--stop-file")
    for command in (proxy, flood):
        command.add_argument("--seed", type=int, default=0)
        command.add_argument("--stats")
        command.add_argument("--ready")
        command.add_argument("--max-seconds", type=float, default=300)
    args = parser.parse_args()
    if args.command == "proxy":
        raise_fd_limit(4096)
        asyncio.run(Proxy(args).run())
    else:
        raise_fd_limit(args.idle + args.garbage + 256)
        asyncio.run(Flood(args).run())


if __name__ == "__main__":
    sys.exit(main())
