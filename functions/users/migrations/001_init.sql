-- The users context: accounts with their profiles, and the rotating refresh tokens of login sessions.
-- Emails and usernames are stored lower-cased in ASCII columns, so uniqueness is exact byte equality.

CREATE TABLE accounts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  email VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  email_lower VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  username VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  display_name VARCHAR(50) NOT NULL,
  status_message VARCHAR(140) NULL,
  avatar_url VARCHAR(512) NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_accounts_email_lower (email_lower),
  UNIQUE KEY uq_accounts_username (username),
  KEY ix_accounts_display_name (display_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per refresh token ever issued. Rows of one login session share family_id; a token that
-- is presented twice revokes its whole family. access_expires_at (unix seconds) lets the access
-- tokens of the family be revoked until they would expire anyway.
CREATE TABLE refresh_tokens (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id BIGINT NOT NULL,
  family_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  token_hash BINARY(32) NOT NULL,
  access_jti VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  access_expires_at BIGINT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  used_at DATETIME(3) NULL,
  revoked_at DATETIME(3) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_refresh_tokens_token_hash (token_hash),
  KEY ix_refresh_tokens_family (family_id),
  KEY ix_refresh_tokens_access_jti (access_jti),
  CONSTRAINT fk_refresh_tokens_account FOREIGN KEY (user_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
