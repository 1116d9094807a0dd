-- The social context: friend requests, friendships and blocks, a lock row per pair of users, and the
-- projection of the users context's accounts it learns from user.events.

-- Users as the social context knows them (PublicUserSnapshot fields). A row that so far only heard of
-- a profile change has no username yet: such a user is not known until UserRegistered arrives.
-- profile_updated_at orders profile changes, so an older one arriving late changes nothing.
CREATE TABLE users (
  id BIGINT NOT NULL,
  username VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NULL,
  display_name VARCHAR(50) NULL,
  status_message VARCHAR(140) NULL,
  avatar_url VARCHAR(512) NULL,
  registered_at DATETIME(3) NULL,
  profile_updated_at DATETIME(3) NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per pair of users who ever had a relation (low_id < high_id). Every change to a pair locks
-- this row first, so concurrent requests, accepts, cancels and blocks of one pair run one at a time.
CREATE TABLE pairs (
  low_id BIGINT NOT NULL,
  high_id BIGINT NOT NULL,
  PRIMARY KEY (low_id, high_id)
) ENGINE=InnoDB;

-- Pending requests only: accepting, rejecting, cancelling or blocking deletes the row.
CREATE TABLE friend_requests (
  requester_id BIGINT NOT NULL,
  target_id BIGINT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (requester_id, target_id),
  KEY ix_friend_requests_target (target_id, created_at)
) ENGINE=InnoDB;

-- Two rows per friendship, one per direction, so "friends of X" is one index range.
CREATE TABLE friendships (
  user_id BIGINT NOT NULL,
  friend_id BIGINT NOT NULL,
  since DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id, friend_id)
) ENGINE=InnoDB;

CREATE TABLE blocks (
  blocker_id BIGINT NOT NULL,
  blocked_id BIGINT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id),
  KEY ix_blocks_blocked (blocked_id)
) ENGINE=InnoDB;
