#!/usr/bin/env python3
"""Setup for tests/bench/send_message_bench.sh: registers 2*PAIRS users on a running kfn, makes each
pair friends over the social routes, waits for their direct rooms, and prints one "token room_id" line
per user (the senders the wrk script cycles through).

    send_message_setup.py BASE_URL PAIRS > senders.txt
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

PATIENCE_SECONDS = 30


def call(base, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read()
        return error.code, json.loads(text) if text else None


def until(what, attempt, done):
    """Calls attempt() until done(result) or the patience runs out (cross-context effects are async)."""
    give_up = time.monotonic() + PATIENCE_SECONDS
    result = attempt()
    while not done(result):
        if time.monotonic() > give_up:
            sys.exit(f"setup: gave up waiting for {what}: {result}")
        time.sleep(0.05)
        result = attempt()
    return result


def register(base, name):
    password = "correct horse battery"
    status, user = call(base, "POST", "/auth/register",
                        {"email": name + "@example.com", "username": name, "password": password})
    if status != 201:
        sys.exit(f"setup: register {name}: {status} {user}")
    status, token = call(base, "POST", "/auth/login/json", {"username": name, "password": password})
    if status != 200:
        sys.exit(f"setup: login {name}: {status} {token}")
    return user["id"], token["access_token"]


def direct_room(base, token, other_id):
    def find():
        status, body = call(base, "GET", "/chat/rooms", token=token)
        for room in (body or {}).get("rooms", []) if status == 200 else []:
            if room["type"] == "direct" and any(m["id"] == other_id for m in room["members"]):
                return room["id"]
        return None
    return until("the direct room", find, lambda room_id: room_id is not None)


def main():
    base, pairs = sys.argv[1], int(sys.argv[2])
    tag = f"b{os.getpid() % 100000}"
    for pair in range(pairs):
        (a_id, a_token) = register(base, f"{tag}a{pair}")
        (b_id, b_token) = register(base, f"{tag}b{pair}")
        until("the social context to know both users",
              lambda: call(base, "POST", "/friends/request", {"target_user_id": b_id}, a_token),
              lambda result: result[0] == 201)
        status, body = call(base, "PUT", f"/friends/status/{a_id}", {"status": "accepted"}, b_token)
        if status != 200:
            sys.exit(f"setup: accept: {status} {body}")
        room_id = direct_room(base, a_token, b_id)
        print(a_token, room_id)
        print(b_token, room_id)


if __name__ == "__main__":
    main()
