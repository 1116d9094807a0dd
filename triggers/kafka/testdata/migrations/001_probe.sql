-- What the probe function did, one row per effect. No unique key on event_id on purpose: only
-- Transaction::first_delivery keeps redeliveries from adding a second row.
CREATE TABLE probe_effects (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  event_id VARCHAR(191) NOT NULL,
  record_key VARCHAR(191) NOT NULL,
  seq BIGINT NOT NULL
);
