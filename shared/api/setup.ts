// The Api's part for the office itself: its name and heading, and the settings.
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
} as const;
