// Parsing and running one command line. Exit codes: 0 done, 1 input rejected (the
// services refused: unknown period, bad file…), 2 usage error (unknown command or option).
// With --json, stdout carries exactly one JSON document and nothing else.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import type { MethodName } from '../../shared/api';
import { COMMANDS, UsageError, type Call, type Command } from './commands';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    'Tổng hợp CCTP — dòng lệnh',
    '',
    'Cách dùng: npm run cli -- <lệnh> [tùy chọn] [--db TỆP] [--json]',
    '',
    'Lệnh:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Tùy chọn chung:',
    '  --db TỆP   tệp dữ liệu (mặc định: biến môi trường TONGHOP_DB, nếu không có thì data/tonghop.sqlite)',
    '  --json     in đúng một tài liệu JSON ra stdout',
    '',
    'Bản sao lưu: trong thư mục backups cạnh tệp dữ liệu; với máy chủ PostgreSQL, trong data/backups; biến môi trường TONGHOP_BACKUP_DIR chọn thư mục khác.',
    '',
    'Mã thoát: 0 thành công, 1 dữ liệu bị từ chối, 2 sai cú pháp lệnh.',
  ].join('\n');
}

function parseCommand(command: Command, rest: string[]) {
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...GLOBAL_OPTIONS, ...command.options },
    allowPositionals: true,
    strict: true,
  });
  const bounds = command.positionals ?? { min: 0, max: 0 };
  if (positionals.length < bounds.min || positionals.length > bounds.max) {
    throw new UsageError(`Lệnh "${command.name}" dùng như sau: ${command.usage}`);
  }
  const given = values as Record<string, unknown>;
  for (const name of command.required ?? []) {
    if (given[name] === undefined || given[name] === '') throw new UsageError(`Lệnh "${command.name}" cần --${name}. Cách dùng: ${command.usage}`);
  }
  return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
}

function usageMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // Node's parseArgs speaks English; say the gist in Vietnamese and keep its detail.
  if (err instanceof UsageError) return text;
  return `Tùy chọn không hợp lệ (${text}). Xem: npm run cli -- --help`;
}

export async function runCli(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...rest] = argv;
  const wantsJson = argv.includes('--json');
  const fail = (code: number, error: { code: string; message: string; details?: unknown }): number => {
    if (wantsJson) io.out(JSON.stringify({ ok: false, error }, null, 2));
    io.err(error.message);
    return code;
  };

  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return fail(EXIT.usage, { code: 'USAGE', message: `Không có lệnh "${name}". Xem: npm run cli -- --help` });

  let input;
  try {
    input = parseCommand(command, rest);
  } catch (err) {
    return fail(EXIT.usage, { code: 'USAGE', message: usageMessage(err) });
  }
  if (input.values.help) {
    io.out(`Cách dùng: npm run cli -- ${command.usage}\n${command.summary}`);
    return EXIT.ok;
  }

  // The app (the database, the Api's schemas and services) is loaded only once a command
  // runs: --help and a usage error answer at once.
  const [{ DEFAULT_DB_RELATIVE, openApp, resolveBackupDir, resolveDbPath }, { usePgpassOf }, { createHandlers }, { dispatch }] = await Promise.all([
    import('../app/bootstrap'),
    import('../app/data-server'),
    import('../app/handlers'),
    import('../app/dispatch'),
  ]);
  // A password browser mode's Máy chủ dữ liệu setting kept in data/ serves the command line too.
  const dataDir = path.resolve(path.dirname(DEFAULT_DB_RELATIVE));
  usePgpassOf(dataDir);
  let ctx;
  try {
    const dbPath = resolveDbPath(input.values.db as string | undefined, env);
    ctx = await openApp(dbPath, { backupDir: resolveBackupDir(dbPath, dataDir, env) });
  } catch (err) {
    if (err instanceof AppError) return fail(EXIT.rejected, err.toApiError());
    throw err;
  }
  // The one door every front-end goes through: dispatch, with the Api's schemas.
  const handlers = createHandlers(ctx);
  const call: Call = async (method: MethodName, args: unknown) => {
    const result = await dispatch(handlers, method, args);
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
    return result.value;
  };
  try {
    const output = await command.run({ call, db: ctx.handle.path, created: ctx.seeded }, input);
    io.out(input.values.json ? JSON.stringify(output.json, null, 2) : output.human);
    return output.exitCode ?? EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) return fail(EXIT.usage, { code: 'USAGE', message: err.message });
    if (err instanceof AppError) return fail(EXIT.rejected, err.toApiError());
    throw err;
  } finally {
    await ctx.handle.close();
  }
}
