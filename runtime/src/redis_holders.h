// hiredis's handles, each owned by a unique_ptr with its release function, declared once.
#pragma once

#include <hiredis/hiredis.h>

#include <memory>

namespace kfn::host {

struct RedisContextFreer {
  void operator()(redisContext* context) const { redisFree(context); }
};
struct RedisReplyFreer {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};

using RedisContextHandle = std::unique_ptr<redisContext, RedisContextFreer>;
using RedisReplyHandle = std::unique_ptr<redisReply, RedisReplyFreer>;

}  // namespace kfn::host
