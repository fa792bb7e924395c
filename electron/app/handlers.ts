// Every Api method bound to its service. `satisfies Handlers` makes a missing or
// mistyped method a compile error here rather than a runtime surprise in a transport.
import os from 'node:os';
import type { Handlers } from '../../shared/api';
import { createParsePool, type ParsePool } from '../excel/parse';
import type { AppContext } from './context';
import { getOrganization } from './organization';
import { getSettings, updateOrganization, updateSettings } from './settings';
import { createAgency, deactivateAgency, listAgencies, updateAgency } from './agencies';
import { copyPlanToYear, getPlan, listPlans, planImpact } from './plans';
import { createTask, reorderTasks, retireTask, updateTask } from './tasks';
import { createIndicator, reorderIndicators, retireIndicator, updateIndicator } from './indicators';
import { createPeriod, listPeriods, updatePeriod } from './periods';
import { acceptSubmission, enterSubmission, getSubmission, listSubmissions, originalOf, restoreRevision, returnSubmission, updateReceipt } from './submissions';
import { correctSubmission } from './corrections';
import { getCompleteness, getConsolidation } from './consolidation';
import { createBackup, listBackups, restoreFromBytes, restoreNamedBackup } from './backup';
import { listAuditEntries } from './audit';
import { generateForms } from './forms';
import { importFiles } from './intake';
import { duplicateProfile, exportProfile, getProfile, importProfile, listProfiles, removeProfile, renameProfile, saveProfile } from './profiles';
import { inspectWorkbook, previewProfile } from './profile-wizard';
import { exportConsolidated, exportMissing, exportPlan } from './exports';
import { documentReminders, documentReport } from './documents';
import { checkDay } from './calendar';

/**
 * The parse workers stay up this long after the last file: a clerk importing a batch,
 * then the files she was sent back, waits for the workers to start once, not each time.
 */
export const PARSE_POOL_IDLE_MS = 120_000;

export function createHandlers(ctx: AppContext, options: { pool?: ParsePool } = {}): Handlers {
  // One pool for the app's life, started on the first file, ended when idle (and idle
  // workers never keep the process alive). The benchmark hands in its own to close it.
  const pool = options.pool ?? createParsePool(os.availableParallelism(), { idleMs: PARSE_POOL_IDLE_MS });
  return {
    'organization.get': () => getOrganization(ctx),
    'organization.update': (args) => updateOrganization(ctx, args),
    'settings.get': () => getSettings(ctx),
    'settings.update': (args) => updateSettings(ctx, args),
    'agencies.list': (args) => listAgencies(ctx, args),
    'agencies.create': (args) => createAgency(ctx, args),
    'agencies.update': (args) => updateAgency(ctx, args),
    'agencies.deactivate': (args) => deactivateAgency(ctx, args),
    'plans.list': () => listPlans(ctx),
    'plans.get': (args) => getPlan(ctx, args),
    'plans.copyToYear': (args) => copyPlanToYear(ctx, args),
    'tasks.create': (args) => createTask(ctx, args),
    'tasks.update': (args) => updateTask(ctx, args),
    'tasks.reorder': (args) => reorderTasks(ctx, args),
    'tasks.retire': (args) => retireTask(ctx, args),
    'indicators.create': (args) => createIndicator(ctx, args),
    'indicators.update': (args) => updateIndicator(ctx, args),
    'indicators.reorder': (args) => reorderIndicators(ctx, args),
    'indicators.retire': (args) => retireIndicator(ctx, args),
    'periods.list': (args) => listPeriods(ctx, args),
    'periods.create': (args) => createPeriod(ctx, args),
    'periods.update': (args) => updatePeriod(ctx, args),
    'submissions.list': (args) => listSubmissions(ctx, args),
    'submissions.get': (args) => getSubmission(ctx, args),
    'submissions.enter': (args) => enterSubmission(ctx, args),
    'submissions.restoreRevision': (args) => restoreRevision(ctx, args),
    'submissions.return': (args) => returnSubmission(ctx, args),
    'submissions.accept': (args) => acceptSubmission(ctx, args),
    'submissions.updateReceipt': (args) => updateReceipt(ctx, args),
    'submissions.correct': (args) => correctSubmission(ctx, args),
    'submissions.original': (args) => originalOf(ctx, args),
    'consolidation.status': (args) => getCompleteness(ctx, args),
    'consolidation.get': (args) => getConsolidation(ctx, args),
    'backup.create': () => createBackup(ctx),
    'backup.list': () => listBackups(ctx),
    'backup.restore': (args) => restoreNamedBackup(ctx, args.name),
    'backup.restoreFile': (args) => restoreFromBytes(ctx, args.file),
    'forms.generate': (args) => generateForms(ctx, args),
    'intake.import': ({ files, ...options }) => importFiles(ctx, files, { ...options, backupFirst: true }, pool),
    'profiles.list': () => listProfiles(ctx),
    'profiles.save': (args) => saveProfile(ctx, args.definition, { replace: args.replace }),
    'profiles.get': (args) => getProfile(ctx, args.name),
    'profiles.rename': (args) => renameProfile(ctx, args),
    'profiles.duplicate': (args) => duplicateProfile(ctx, args),
    'profiles.remove': (args) => removeProfile(ctx, args.name),
    'profiles.export': (args) => exportProfile(ctx, args.name),
    'profiles.import': (args) => importProfile(ctx, args),
    'profiles.inspect': (args) => inspectWorkbook(args.file),
    'profiles.preview': (args) => previewProfile(ctx, args),
    'exports.consolidated': (args) => exportConsolidated(ctx, args),
    'exports.missing': (args) => exportMissing(ctx, args),
    'exports.plan': (args) => exportPlan(ctx, args),
    'documents.report': (args) => documentReport(ctx, args),
    'documents.reminders': (args) => documentReminders(ctx, args),
    'plans.impact': (args) => planImpact(ctx, args),
    'calendar.checkDay': (args) => checkDay(ctx, args),
    'audit.list': (args) => listAuditEntries(ctx, args),
  } satisfies Handlers;
}
