#!/usr/bin/env python3
"""Sender for tests/bench/sse_fanout_bench.sh: POST /messages/{room_id} at RATE messages/s for SECONDS,
round-robin over the rooms of USERS_FILE (sse_fanout_setup.py's output), each message from the next
member of its room. The content carries the message's number and its send time ("n:<i>
sent_at_ns:<ns>"), which sse_fanout_streams reads back from the frames. Prints "sent <ok> failed <n>".

    sse_fanout_send.py PORT USERS_FILE RATE SECONDS [warmup]

With "warmup" the content says "warmup:<i>" instead, and sse_fanout_streams ignores those frames.
"""
import http.client
import json
import sys
import threading
import time

# Keep-alive connections, each its own thread: enough that sends taking tens of ms on a loaded machine
# still add up to the offered rate (the script reports the time the sends took).
CONNECTIONS = 64


def main():
    port, users_file, rate, seconds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    label = "warmup" if sys.argv[5:] == ["warmup"] else "n"
    rooms = {}
    for line in open(users_file):
        user_id, token, room_id = line.split()
        rooms.setdefault(room_id, []).append(token)
    room_ids = sorted(rooms)
    total = rate * seconds
    counts = {"ok": 0, "failed": 0}
    lock = threading.Lock()
    start = time.time() + 0.5

    def sender(worker):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        ok = failed = 0
        for n in range(worker, total, CONNECTIONS):
            delay = start + n / rate - time.time()
            if delay > 0:
                time.sleep(delay)  # pacing the offered load
            room_id = room_ids[n % len(room_ids)]
            tokens = rooms[room_id]
            token = tokens[(n // len(room_ids)) % len(tokens)]
            body = json.dumps({"content": f"{label}:{n} sent_at_ns:{time.time_ns()}"})
            try:
                connection.request("POST", f"/messages/{room_id}", body,
                                   {"Content-Type": "application/json", "Authorization": "Bearer " + token})
                response = connection.getresponse()
                response.read()
                if response.status == 201:
                    ok += 1
                else:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        with lock:
            counts["ok"] += ok
            counts["failed"] += failed

    threads = [threading.Thread(target=sender, args=(w,)) for w in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"sent {counts['ok']} failed {counts['failed']} in {time.time() - start:.1f} s", flush=True)


if __name__ == "__main__":
    main()
