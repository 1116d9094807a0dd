#!/usr/bin/python3
"""Load client for the SSE edge benchmark (tests/bench/sse_bench.sh).

hold:    opens USERS x PER_USER streams (Bearer tokens minted with the runner's KFN_JWT_SECRET, so no
         sign-up is needed), spread over several loopback source addresses, and keeps them open until
         stdin closes. Prints "open <n>" once they are all answered.
latency: opens one stream per user and, while a producer (kcat) publishes EventDelivery records whose
         data holds "sent_at_ns", records publish-to-receipt latency; prints p50/p99/max on stdin EOF.
"""
import base64, hashlib, hmac, json, os, resource, selectors, socket, sys, time, uuid


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(secret: str, user_id: int) -> str:
    now = int(time.time())
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = b64(json.dumps({"sub": str(user_id), "iat": now, "exp": now + 7200, "jti": uuid.uuid4().hex,
                             "iss": "kfn", "aud": "kfn-chat"}).encode())
    signature = hmac.new(secret.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{b64(signature)}"


def open_streams(port, secret, users, per_user, sources):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    selector = selectors.DefaultSelector()
    streams = []
    for user in range(1, users + 1):
        request = (f"GET /events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token(secret, user)}\r\n\r\n").encode()
        for _ in range(per_user):
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


def main():
    mode, port, secret, users, per_user = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    sources = [f"127.0.0.{i}" for i in range(1, 9)]
    selector, streams, answered = open_streams(port, secret, users, per_user, sources)
    print(f"open {answered}", flush=True)
    os.set_blocking(sys.stdin.fileno(), False)
    selector.register(sys.stdin, selectors.EVENT_READ, None)
    latencies = []
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
            if mode != "latency":
                continue
            now = time.time_ns()
            for line in chunk.split(b"\n"):
                at = line.find(b'"sent_at_ns":')
                if line.startswith(b"data: ") and at >= 0:
                    sent = int(line[at + 13:].split(b"}")[0].split(b",")[0])
                    latencies.append((now - sent) / 1e6)
    if mode == "latency":
        latencies.sort()
        n = len(latencies)
        if n:
            print(f"events {n} p50_ms {latencies[n // 2]:.1f} p99_ms {latencies[int(n * 0.99)]:.1f} "
                  f"max_ms {latencies[-1]:.1f}", flush=True)
        else:
            print("events 0", flush=True)


if __name__ == "__main__":
    main()
