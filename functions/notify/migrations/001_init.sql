-- The notify context: the notifications it made for users, and the projections it keeps from other
-- contexts' events (friendships from friend.events, presence from user.online_status).

-- One row per notification. A message_received notification aggregates one room for one user while
-- it is unread: room_id and last_seq say which room and how far, payload.count how many messages.
CREATE TABLE notifications (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id BIGINT NOT NULL,
  type VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  room_id BIGINT NULL,
  last_seq BIGINT NULL,
  payload TEXT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  read_at DATETIME(3) NULL,
  PRIMARY KEY (id),
  KEY ix_notifications_user (user_id, id),
  KEY ix_notifications_room_unread (room_id, user_id, read_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Both directions of every friendship the notify context has heard of. Rows are kept when a
-- friendship ends (are_friends = 0) so that an older event arriving late cannot revive it:
-- changed_at is the occurred_at of the event that last decided the row.
CREATE TABLE friendships (
  user_id BIGINT NOT NULL,
  friend_id BIGINT NOT NULL,
  are_friends TINYINT(1) NOT NULL,
  changed_at DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id, friend_id)
) ENGINE=InnoDB;

-- Whether a user has an SSE stream open anywhere, as the SSE edge last announced it.
CREATE TABLE presence (
  user_id BIGINT NOT NULL,
  online TINYINT(1) NOT NULL,
  last_seen_at DATETIME(3) NULL,
  changed_at DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB;
