#!/usr/bin/python3
"""Load client for the SSE edge benchmark (tests/bench/sse_bench.sh).

hold:    opens USERS x PER_USER streams (Bearer tokens minted with the runner's KFN_JWT_SECRET, so no
         sign-up is needed), spread over several loopback source addresses, and keeps them open until
         stdin closes. Prints "open <n>" once they are all answered.
latency: opens one stream per user and, while a producer (kcat) publishes EventDelivery records whose
         data holds "sent_at_ns", records publish-to-receipt latency; prints p50/p99/max on stdin EOF.
"""
import base64, hashlib, hmac, json, os, re, resource, selectors, socket, sys, time, uuid

SENT_AT = re.compile(rb'sent_at_ns"?:(\d+)')
MESSAGE_NUMBER = re.compile(rb'\bn:(\d+)')


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(secret: str, user_id: int) -> str:
    now = int(time.time())
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = b64(json.dumps({"sub": str(user_id), "iat": now, "exp": now + 7200, "jti": uuid.uuid4().hex,
                             "iss": "kfn", "aud": "kfn-chat"}).encode())
    signature = hmac.new(secret.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{b64(signature)}"


def open_streams(port, requests, sources):
    """requests: (user, request bytes) per stream."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    selector = selectors.DefaultSelector()
    streams = []
    for user, request in requests:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind((sources[len(streams) % len(sources)], 0))
        s.connect(("127.0.0.1", port))
        s.sendall(request)
        s.setblocking(False)
        selector.register(s, selectors.EVENT_READ, {"buffer": b"", "head": False, "user": user})
        streams.append(s)
    answered = 0
    deadline = time.time() + 120
    while answered < len(streams) and time.time() < deadline:
        for key, _ in selector.select(timeout=1):
            state = key.data
            chunk = key.fileobj.recv(65536)
            if not chunk:
                selector.unregister(key.fileobj)
                continue
            if not state["head"]:
                state["buffer"] += chunk
                if b"\r\n\r\n" in state["buffer"]:
                    state["head"] = True
                    answered += state["buffer"].startswith(b"HTTP/1.1 200")
                    state["buffer"] = b""
    return selector, streams, answered


def stream_request(token):
    return f"GET /events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n".encode()


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    secret, users, per_user = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    requests = [(user, stream_request(token(secret, user)))
                for user in range(1, users + 1) for _ in range(per_user)]
    measuring = mode == "latency"
    sources = [f"127.0.0.{i}" for i in range(1, 9)]
    selector, streams, answered = open_streams(port, requests, sources)
    print(f"open {answered}", flush=True)
    os.set_blocking(sys.stdin.fileno(), False)
    selector.register(sys.stdin, selectors.EVENT_READ, None)
    latencies = []
    delivered = set()  # (user, message number): a duplicate frame counts once
    done = False
    while not done:
        for key, _ in selector.select(timeout=1):
            if key.data is None:
                if not sys.stdin.read():
                    done = True
                continue
            chunk = key.fileobj.recv(262144)
            if not chunk:
                selector.unregister(key.fileobj)
                continue
            if not measuring:
                continue
            now = time.time_ns()
            state = key.data
            lines = (state["buffer"] + chunk).split(b"\n")
            state["buffer"] = lines.pop()  # a line the next read completes
            for line in lines:
                if not line.startswith(b"data: ") or b"warmup:" in line:
                    continue
                sent = SENT_AT.search(line)
                if not sent:
                    continue
                latencies.append((now - int(sent.group(1))) / 1e6)
                number = MESSAGE_NUMBER.search(line)
                if number:
                    delivered.add((state["user"], int(number.group(1))))
    if measuring:
        latencies.sort()
        n = len(latencies)
        if n:
            print(f"events {n} distinct {len(delivered)} p50_ms {latencies[n // 2]:.1f} "
                  f"p99_ms {latencies[int(n * 0.99)]:.1f} max_ms {latencies[-1]:.1f}", flush=True)
        else:
            print("events 0 distinct 0", flush=True)


if __name__ == "__main__":
    main()
