#!/usr/bin/env python3
"""Setup for tests/bench/sse_fanout_bench.sh: registers USERS users on a running kfn (the whole app),
in groups of 10 whose first member befriends the other nine and creates a group room of the ten, and
prints one "user_id token room_id" line per user. Uses send_message_setup.py's calls.

    sse_fanout_setup.py BASE_URL USERS > users.txt
"""
import os
import sys
from concurrent.futures import ThreadPoolExecutor

from send_message_setup import call, register, until

ROOM_SIZE = 10
PARALLEL_ROOMS = 8  # the runner serves requests concurrently; setup time stays a few seconds per 100 users


def make_room(base, tag, room):
    members = [register(base, f"{tag}r{room}m{i}") for i in range(ROOM_SIZE)]
    (owner_id, owner_token) = members[0]
    for (member_id, member_token) in members[1:]:
        until("the social context to know both users",
              lambda: call(base, "POST", "/friends/request", {"target_user_id": member_id}, owner_token),
              lambda result: result[0] == 201)
        status, body = call(base, "PUT", f"/friends/status/{owner_id}", {"status": "accepted"}, member_token)
        if status != 200:
            sys.exit(f"setup: accept: {status} {body}")
    others = [member_id for (member_id, _) in members[1:]]
    # The chat context learns friendships from friend.events, a moment after the accept.
    status, body = until("the chat context to know the friendships",
                         lambda: call(base, "POST", "/chat/rooms",
                                      {"type": "group", "name": f"bench {room}", "member_ids": others}, owner_token),
                         lambda result: result[0] == 201)
    return [(member_id, token, body["id"]) for (member_id, token) in members]


def main():
    base, users = sys.argv[1], int(sys.argv[2])
    tag = f"f{os.getpid() % 100000}"
    with ThreadPoolExecutor(PARALLEL_ROOMS) as pool:
        rooms = pool.map(lambda room: make_room(base, tag, room), range(users // ROOM_SIZE))
        for room in rooms:
            for (member_id, token, room_id) in room:
                print(member_id, token, room_id)


if __name__ == "__main__":
    main()
