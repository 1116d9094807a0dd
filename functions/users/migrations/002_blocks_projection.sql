-- Who blocks whom, as the users context learns it from friend.events (UserBlocked, UserUnblocked),
-- so user search can leave out users who blocked the caller. An unblock keeps its row with
-- blocked = 0: changed_at orders the changes of one pair, so an older one arriving late is ignored.
CREATE TABLE user_blocks (
  blocker_id BIGINT NOT NULL,
  blocked_id BIGINT NOT NULL,
  blocked TINYINT NOT NULL,
  changed_at DATETIME(3) NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id)
) ENGINE=InnoDB;
