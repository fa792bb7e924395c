// Plan edits with an optimistic version (issue #16): every change to a plan's tasks or
// indicators raises its version, and an edit made on an older version than the stored
// one is refused, so of two clerks editing at once the second is told to reload instead
// of silently undoing the first.
import type { Migration } from './index';

export const migration0006: Migration = {
  version: 6,
  name: 'plan_version',
  statements: [`ALTER TABLE plan ADD COLUMN version INTEGER NOT NULL DEFAULT 1`],
  postgres: [`ALTER TABLE plan ADD COLUMN version integer NOT NULL DEFAULT 1`],
};
