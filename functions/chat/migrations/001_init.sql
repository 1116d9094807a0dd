-- The chat context: rooms, their members with read markers, messages, and the local projections of
-- what other contexts own (users' public profiles, friendships, blocks), kept from their events.

-- Public profiles from user.events (and snapshots in friend.events while user.events lags).
-- profile_at is the occurred_at of the user.events fact applied last; NULL for a snapshot's fill-in,
-- which any user.events fact overrides.
CREATE TABLE users (
  id BIGINT NOT NULL,
  username VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NULL,
  display_name VARCHAR(50) NULL,
  status_message VARCHAR(140) NULL,
  avatar_url VARCHAR(512) NULL,
  profile_at DATETIME(3) NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per pair (user_low < user_high) that was ever friends. friend.events is keyed by the actor,
-- so facts about one pair may arrive out of order: changed_at (the fact's occurred_at) keeps the newest.
CREATE TABLE friend_pairs (
  user_low BIGINT NOT NULL,
  user_high BIGINT NOT NULL,
  friends TINYINT NOT NULL,
  changed_at DATETIME(3) NOT NULL,
  PRIMARY KEY (user_low, user_high),
  KEY ix_friend_pairs_high (user_high, user_low)
) ENGINE=InnoDB;

-- One row per (blocker, blocked) ever blocked; same newest-fact-wins rule as friend_pairs.
CREATE TABLE block_pairs (
  blocker_id BIGINT NOT NULL,
  blocked_id BIGINT NOT NULL,
  blocked TINYINT NOT NULL,
  changed_at DATETIME(3) NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id)
) ENGINE=InnoDB;

-- direct_key ("low:high") makes the direct room of a pair unique, so racing creators make one room.
-- last_seq is the seq of the newest message: senders lock the row, so seqs have no gaps.
-- member_ids (comma-separated, join order) mirrors room_members under the same row lock, so sending
-- reads membership, block state and the event's member list with one primary-key lookup.
-- blocked is set on a direct room while either member blocks the other.
CREATE TABLE rooms (
  id BIGINT NOT NULL AUTO_INCREMENT,
  room_type VARCHAR(6) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name VARCHAR(50) NULL,
  direct_key VARCHAR(41) CHARACTER SET ascii COLLATE ascii_bin NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  last_seq BIGINT NOT NULL DEFAULT 0,
  last_activity_at DATETIME(3) NOT NULL,
  blocked TINYINT NOT NULL DEFAULT 0,
  member_ids VARCHAR(2200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  UNIQUE KEY uq_rooms_direct_key (direct_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- last_read_seq is the member's read marker; it only moves forward.
CREATE TABLE room_members (
  room_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  joined_at DATETIME(3) NOT NULL,
  last_read_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (room_id, user_id),
  KEY ix_room_members_user (user_id, room_id)
) ENGINE=InnoDB;

-- Clustered by (room_id, seq): history pages are one range scan. A repeat of a client_message_id by
-- the same sender in the same room hits uq_messages_client_id and returns the first message.
CREATE TABLE messages (
  id BIGINT NOT NULL AUTO_INCREMENT,
  room_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  content TEXT NOT NULL,
  message_type VARCHAR(5) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  client_message_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  created_at DATETIME(3) NOT NULL,
  edited_at DATETIME(3) NULL,
  deleted TINYINT NOT NULL DEFAULT 0,
  PRIMARY KEY (room_id, seq),
  KEY ix_messages_id (id),
  UNIQUE KEY uq_messages_client_id (room_id, user_id, client_message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
