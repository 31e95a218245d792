-- Whether a specialist gets the Monday nudge when they offer no hours that week (issue 6). On unless they
-- turn it off (/available nudges off, or the nudge's own button). Runs unchanged on H2 and PostgreSQL.
ALTER TABLE specialist ADD COLUMN nudges BOOLEAN NOT NULL DEFAULT TRUE;
