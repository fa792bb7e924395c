// Every Api method bound to its service. `satisfies Handlers` makes a missing or
// mistyped method a compile error here rather than a runtime surprise in a transport.
import os from 'node:os';
import type { Handlers } from '../../shared/api';
import type { ParsePool } from '../excel/parse';
import type { AppContext } from './context';
import { getOrganization } from './organization';
import { setupServer } from './server-setup';
import { dataServerInfo, saveDataServer, testDataServer, type DataServerStore } from './data-server';
import { getSettings, updateOrganization, updateSettings } from './settings';
import { createAgency, deactivateAgency, listAgencies, updateAgency } from './agencies';
import { copyPlanToYear, getPlan, listPlans, planImpact } from './plans';
import { createTask, reorderTasks, retireTask, updateTask } from './tasks';
import { createIndicator, reorderIndicators, retireIndicator, updateIndicator } from './indicators';
import { createPeriod, listPeriods, updatePeriod } from './periods';
import { acceptSubmission, enterSubmission, getSubmission, listSubmissions, originalOf, restoreRevision, returnSubmission, today, updateReceipt } from './submissions';
import { getCompleteness, getConsolidation } from './consolidation';
import { createBackup, exportBackup, listBackups, restoreFromBytes, restoreNamedBackup } from './backup';
import { listAuditEntries } from './audit';
import { duplicateProfile, exportProfile, getProfile, importProfile, listProfiles, removeProfile, renameProfile, saveProfile } from './profiles';

// What only some methods need is loaded by the first call that needs it: the workbook
// reader and writers (exceljs), the Word writer (docx), the holiday calendar
// (date-holidays), the demo data. A command-line command or a window that never
// exports does not pay for them at start; bundles keep them as chunks of their own.
// Each import is asked once and its promise kept: a dynamic import() resolves the
// specifier again on every call (through the loader's hooks, when there are any), and
// an intake call would pay that before every batch.
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((err: unknown) => {
      // A module that failed to load is asked again next time, not failed for good.
      loaded = undefined;
      throw err;
    }));
}
const forms = once(() => import('./forms'));
const intake = once(() => import('./intake'));
const corrections = once(() => import('./corrections'));
const wizard = once(() => import('./profile-wizard'));
const workbooks = once(() => import('./exports'));
const documents = once(() => import('./documents'));
const calendar = once(() => import('./calendar'));
const workingDays = once(() => import('./working-days'));
const demo = once(() => import('./demo'));
const migration = once(() => import('./migrate-to'));

/**
 * The parse workers stay up this long after the last file: a clerk importing a batch,
 * then the files she was sent back, waits for the workers to start once, not each time.
 */
export const PARSE_POOL_IDLE_MS = 120_000;

export function createHandlers(ctx: AppContext, options: { pool?: ParsePool; dataServer?: DataServerStore } = {}): Handlers {
  // One pool for the app's life, made on the first file, its workers ended when idle (and
  // idle workers never keep the process alive). The benchmark hands in its own to close it.
  let pool: Promise<ParsePool> | undefined = options.pool ? Promise.resolve(options.pool) : undefined;
  const parsePool = (): Promise<ParsePool> => {
    pool ??= import('../excel/parse')
      .then((parse) => parse.createParsePool(os.availableParallelism(), { idleMs: PARSE_POOL_IDLE_MS }))
      .catch((err: unknown) => {
        // A load that failed (a file held by an antivirus scan) is tried again by the next import, not kept failed until a restart.
        pool = undefined;
        throw err;
      });
    return pool;
  };
  return {
    'organization.get': () => getOrganization(ctx),
    'organization.update': (args) => updateOrganization(ctx, args),
    'settings.get': () => getSettings(ctx),
    'settings.update': (args) => updateSettings(ctx, args),
    'demo.add': async () => (await demo()).addDemoReports(ctx),
    'session.get': () => ({ backend: ctx.handle.backend, location: ctx.handle.path, role: ctx.handle.role, canWrite: ctx.handle.canWrite }),
    'server.setup': (args) => setupServer(ctx, args),
    'dataServer.get': () => dataServerInfo(ctx, options.dataServer),
    'dataServer.test': (args) => testDataServer(args),
    'dataServer.save': (args) => saveDataServer(options.dataServer, args),
    'database.migrateTo': async (args) => (await migration()).migrateTo(ctx, args),
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
    'submissions.correct': async (args) => (await corrections()).correctSubmission(ctx, args),
    'submissions.original': (args) => originalOf(ctx, args),
    'consolidation.status': (args) => getCompleteness(ctx, args),
    'consolidation.get': (args) => getConsolidation(ctx, args),
    'backup.create': () => createBackup(ctx),
    'backup.export': (args) => exportBackup(ctx, args.name),
    'backup.list': () => listBackups(ctx),
    'backup.restore': (args) => restoreNamedBackup(ctx, args.name),
    'backup.restoreFile': (args) => restoreFromBytes(ctx, args.file),
    'forms.generate': async (args) => (await forms()).generateForms(ctx, args),
    'intake.import': async ({ files, ...options }) => (await intake()).importFiles(ctx, files, { ...options, backupFirst: true }, await parsePool()),
    'profiles.list': () => listProfiles(ctx),
    'profiles.save': (args) => saveProfile(ctx, args.definition, { replace: args.replace }),
    'profiles.get': (args) => getProfile(ctx, args.name),
    'profiles.rename': (args) => renameProfile(ctx, args),
    'profiles.duplicate': (args) => duplicateProfile(ctx, args),
    'profiles.remove': (args) => removeProfile(ctx, args.name),
    'profiles.export': (args) => exportProfile(ctx, args.name),
    'profiles.import': (args) => importProfile(ctx, args),
    'profiles.inspect': async (args) => (await wizard()).inspectWorkbook(args.file),
    'profiles.preview': async (args) => (await wizard()).previewProfile(ctx, args),
    'exports.consolidated': async (args) => (await workbooks()).exportConsolidated(ctx, args),
    'exports.missing': async (args) => (await workbooks()).exportMissing(ctx, args),
    'exports.plan': async (args) => (await workbooks()).exportPlan(ctx, args),
    'documents.report': async (args) => (await documents()).documentReport(ctx, args),
    'documents.reminders': async (args) => (await documents()).documentReminders(ctx, args),
    'plans.impact': (args) => planImpact(ctx, args),
    'calendar.checkDay': async (args) => (await calendar()).checkDay(ctx, args),
    'calendar.addWorkingDays': async (args) => {
      const from = args.from ?? today(ctx);
      const [{ workCalendar }, { addWorkingDays }] = await Promise.all([calendar(), workingDays()]);
      return { from, date: addWorkingDays(from, args.days, await workCalendar(ctx)) };
    },
    'audit.list': (args) => listAuditEntries(ctx, args),
  } satisfies Handlers;
}
