-- Tierblog schema, version 2: failed log-ins, counted where every instance of the web tier sees
-- them, so the log-in throttle holds across instances.

CREATE TABLE login_failures (
    -- 'user:' or 'client:' and a SHA-256 digest of the username typed or the client address:
    -- never the text itself.
    throttle_key text        PRIMARY KEY CHECK (throttle_key ~ '^[a-z]+:[0-9a-f]{64}$'),
    failures     integer     NOT NULL DEFAULT 0 CHECK (failures >= 0),
    last_failure timestamptz
);

-- Forgetting idle keys deletes by age.
CREATE INDEX login_failures_last_failure_idx ON login_failures (last_failure);
