// The Api's part for the office itself: its name and heading, the settings, and the
// sample reports a newcomer starts from.
import { z } from 'zod';
import type { Organization } from '../domain';
import { method, none } from './method';
import { settingsSchema, type Settings } from '../settings';

export const setupApi = {
  'organization.get': method<Organization>()(none),
  'organization.update': method<Organization>()(
    z.object({
      name: z.string().trim().min(1).max(300).optional(),
      parentBody: z.string().trim().min(1).max(200).optional(),
      issuingBody: z.string().trim().min(1).max(200).optional(),
      place: z.string().trim().min(1).max(100).optional(),
      headingStyle: z.enum(['party', 'state']).optional(),
    }),
  ),
  'settings.get': method<Settings>()(none),
  'settings.update': method<Settings>()(settingsSchema.partial()),
  /**
   * Every agency's sample reports for 2022-Q1 and 2022-H1 (`init --demo`), through real
   * forms and the real import. Only into a database without reports: otherwise nothing
   * is added and `skipped` says so.
   */
  'demo.add': method<{ submissions: number; skipped: boolean }>()(none),
} as const;
