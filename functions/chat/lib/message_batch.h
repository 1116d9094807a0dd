// Stores sends in MySQL: one alone exactly as before (lock the room, next seq, insert, event), or a
// batch of concurrent sends in one transaction with a fixed number of statements whatever its size:
// lock every room involved (in id order, so batches in other processes cannot deadlock with it),
// hand out seqs in arrival order, advance every room, insert every message, write every event, commit.
#pragma once

#include <span>

#include "kfn/context.h"
#include "lib/send_batcher.h"

namespace chat {

// Answers every send of the batch (201 with the Message, 200 for a repeated client_message_id, 404,
// 403). A batch the database refuses (a repeated client_message_id in it, a deadlock) is retried one
// send at a time, so a bad send never fails the others. Throws what the database throws otherwise.
void store_messages(kfn::Context& ctx, std::span<PendingSend*> batch);

}  // namespace chat
