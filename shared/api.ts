// The one contract between the UI and the Node side (architecture.md, "One contract,
// three transports"). Each method has a runtime schema for its argument and a result
// type; the IPC channels, the HTTP routes, the preload bridge and the client are all
// derived from this map, never written out by hand. Each capability declares its own
// part in shared/api/<capability>.ts; this module joins them and names the whole.
import type { z } from 'zod';
import type { ApiResult } from './errors';
import { setupApi } from './api/setup';
import { agenciesApi } from './api/agencies';
import { planApi } from './api/plan';
import { periodsApi } from './api/periods';
import { calendarApi } from './api/calendar';
import { submissionsApi } from './api/submissions';
import { consolidationApi } from './api/consolidation';
import { intakeApi } from './api/intake';
import { profilesApi } from './api/profiles';
import { outputsApi } from './api/outputs';
import { backupApi } from './api/backup';
import { auditApi } from './api/audit';

export type { FileBytes } from './api/method';
export type { PlanImpact } from './api/plan';
export type { CorrectionInput, AcceptanceInput } from './api/submissions';
export type * from './api/consolidation';
export type { IncomingFile, FieldChange, ImportStatus, ImportOutcome } from './api/intake';
export type * from './api/profiles';
export type { BackupInfo } from './api/backup';
export type { AuditEntry } from './api/audit';

export const apiSpec = {
  ...setupApi,
  ...agenciesApi,
  ...planApi,
  ...periodsApi,
  ...calendarApi,
  ...submissionsApi,
  ...consolidationApi,
  ...backupApi,
  ...intakeApi,
  ...profilesApi,
  ...outputsApi,
  ...auditApi,
} as const;

export type ApiSpec = typeof apiSpec;
export type MethodName = keyof ApiSpec;
export type ArgsOf<K extends MethodName> = z.input<ApiSpec[K]['args']>;
export type ParsedArgsOf<K extends MethodName> = z.output<ApiSpec[K]['args']>;
export type ResultOf<K extends MethodName> = NonNullable<ApiSpec[K]['result']>;

/** What the UI calls: every method async, every outcome an ApiResult. */
export type Api = { [K in MethodName]: (args: ArgsOf<K>) => Promise<ApiResult<ResultOf<K>>> };

/** What the Node side implements: parsed arguments in, a value out, AppError thrown on refusal. */
export type Handlers = { [K in MethodName]: (args: ParsedArgsOf<K>) => Promise<ResultOf<K>> | ResultOf<K> };

export const METHOD_NAMES = Object.keys(apiSpec) as MethodName[];

