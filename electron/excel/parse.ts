// Opening untrusted workbooks in worker threads (excel.md §5): the pre-scan and the read
// both run there, under a heap cap and a deadline, and a crash or a timeout turns into
// an AppError the import can report, never a dead app. The main thread only hands over
// bytes and gets back a plain model, so a batch keeps both cores busy reading.
import { Worker } from 'node:worker_threads';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import { AppError } from '../../shared/errors';
import { formatNumber } from '../../shared/numbers';
import { problem, type Problem } from '../../shared/problems';
import { PARSE_WORKER_ROLE, type ParseReply, type ParseRequest, type WorkbookModel } from './workbook-model';

export const DEFAULT_PARSE_TIMEOUT_MS = 20_000;
export const DEFAULT_PARSE_HEAP_MB = 512;
/** Starting a worker (under tsx, compiling the reader) is not the file's fault: its own, generous limit. */
const WORKER_START_TIMEOUT_MS = 60_000;

export interface ParseOptions {
  timeoutMs?: number;
  maxHeapMb?: number;
  /** For messages only. */
  fileName?: string;
  /**
   * Hand the caller's buffer to the worker instead of copying it. The caller's bytes are
   * detached (unusable) afterwards, so this is for callers that are done with them.
   */
  transferOwnership?: boolean;
}

/** The same file outside the archive: what asarUnpack puts in app.asar.unpacked. */
export function unpackedUrl(url: URL): URL {
  return new URL(url.href.replace('/app.asar/', '/app.asar.unpacked/'));
}

/**
 * How to start the worker. A production bundle ships parse-worker.js beside the bundled
 * code; a packaged app runs that code from inside app.asar, with the worker unpacked
 * beside it in app.asar.unpacked (a worker thread needs a real file, and the worker
 * bundle carries its own dependencies). In development and tests only parse-worker.ts
 * exists: the worker must load it through tsx (a devDependency, never in a packaged
 * app). `execArgv: ['--import', 'tsx']` would be the obvious way, but Node 20 does not
 * apply --import to worker threads ("Unknown file extension .ts"), so a two-line
 * bootstrap registers tsx inside the worker and then imports the source. Works under
 * `npx tsx` and under vitest alike.
 */
export function parseWorkerEntry(): { script: URL } | { evalCode: string } {
  const bundled = unpackedUrl(new URL('./parse-worker.js', import.meta.url));
  if (existsSync(fileURLToPath(bundled))) return { script: bundled };
  const source = new URL('./parse-worker.ts', import.meta.url).href;
  return {
    evalCode: `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(source)}));`,
  };
}

/** The URL of tsx's ESM API; vitest's module runner has no import.meta.resolve, so read tsx's exports map then. */
function tsxEsmApi(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
    const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
    const target = manifest.exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
    return pathToFileURL(join(dirname(packageJson), target)).href;
  }
}

function named(fileName: string | undefined): string {
  return fileName ? `tệp "${fileName}"` : 'tệp';
}

function duration(ms: number): string {
  return ms < 1000 ? `${formatNumber(ms, 'integer')} mili giây` : `${formatNumber(ms / 1000)} giây`;
}

function timeoutError(ms: number, fileName: string | undefined): AppError {
  return new AppError(
    'PARSE_TIMEOUT',
    `Đọc ${named(fileName)} quá ${duration(ms)} nên đã dừng. Tệp có thể quá lớn hoặc quá phức tạp; hãy xóa các trang tính, hình ảnh không cần thiết, lưu lại rồi nhập lại.`,
  );
}

function failedError(fileName: string | undefined, detail: string, outOfMemory = false): AppError {
  const message = outOfMemory
    ? `Đọc ${named(fileName)} cần quá nhiều bộ nhớ nên đã dừng. Hãy xóa các trang tính, hình ảnh không cần thiết, lưu lại rồi nhập lại.`
    : `Không đọc được ${named(fileName)}: nội dung không đúng cấu trúc sổ làm việc Excel. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi nhập lại, hoặc xin đơn vị gửi lại.`;
  return new AppError('PARSE_FAILED', message, { detail });
}

function payloadOf(bytes: Uint8Array, transfer: boolean): Uint8Array {
  const wholeBuffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  // A copy owns a fresh ArrayBuffer, so transferring it never detaches anyone else's
  // (a small Node Buffer is a view on a shared pool).
  return transfer && wholeBuffer ? bytes : new Uint8Array(bytes);
}

export interface UntrustedWorkbook {
  /** Null when a problem blocks reading. */
  model: WorkbookModel | null;
  problems: Problem[];
}

interface Job {
  bytes: Uint8Array;
  timeoutMs: number;
  fileName: string | undefined;
  resolve: (read: UntrustedWorkbook) => void;
  reject: (err: AppError) => void;
}

/** One worker thread, one job at a time. Once it has failed or timed out it is dead for good. */
class ParseWorker {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  /** Taken the moment `run` is called, so a pool never hands one worker two files. */
  private job: Job | null = null;
  private jobId = 0;
  private timer: NodeJS.Timeout | null = null;
  dead = false;

  constructor(maxHeapMb: number) {
    const entry = parseWorkerEntry();
    const options = { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb }, workerData: { role: PARSE_WORKER_ROLE } };
    this.worker = 'script' in entry ? new Worker(entry.script, options) : new Worker(entry.evalCode, { ...options, eval: true });
    let started: () => void = () => undefined;
    let notStarted: (detail: string) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      notStarted = (detail) => reject(new Error(detail));
    });
    // Nobody may be waiting on `ready` when a worker dies idle.
    this.ready.catch(() => undefined);
    const startTimer = setTimeout(() => {
      notStarted('worker did not start in time');
      void this.kill();
    }, WORKER_START_TIMEOUT_MS);
    startTimer.unref();

    this.worker.on('message', (reply: ParseReply) => {
      if (reply.type === 'ready') {
        clearTimeout(startTimer);
        started();
        return;
      }
      if (reply.id !== this.jobId) return;
      if (reply.type === 'result') this.settle((job) => job.resolve({ model: reply.model, problems: reply.problems }));
      else this.settle((job) => job.reject(failedError(job.fileName, reply.message)));
    });
    this.worker.on('error', (err: Error & { code?: string }) => {
      const outOfMemory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      clearTimeout(startTimer);
      notStarted(err.message);
      this.settle((job) => job.reject(failedError(job.fileName, err.message, outOfMemory)));
      void this.kill();
    });
    this.worker.on('exit', (code) => {
      clearTimeout(startTimer);
      this.dead = true;
      notStarted(`worker exited with code ${code}`);
      this.settle((job) => job.reject(failedError(job.fileName, `worker exited with code ${code}`)));
    });
  }

  get busy(): boolean {
    return this.job !== null;
  }

  run(job: Job): void {
    if (this.job) throw new Error('ParseWorker.run: busy');
    this.job = job;
    this.ready.then(
      () => {
        if (this.job !== job) return;
        if (this.dead) {
          this.settle((j) => j.reject(failedError(j.fileName, 'worker is gone')));
          return;
        }
        this.jobId++;
        // The deadline runs from the moment the file is handed over: startup is not the file's doing.
        this.timer = setTimeout(() => {
          this.settle((j) => j.reject(timeoutError(j.timeoutMs, j.fileName)));
          void this.kill();
        }, job.timeoutMs);
        this.worker.ref();
        const message: ParseRequest = { type: 'parse', id: this.jobId, bytes: job.bytes, fileName: job.fileName ?? 'tệp' };
        this.worker.postMessage(message, [job.bytes.buffer as ArrayBuffer]);
      },
      (err: unknown) => this.settle((j) => j.reject(failedError(j.fileName, err instanceof Error ? err.message : String(err)))),
    );
  }

  /** Ends the current job (once) and lets the process exit while this worker waits for work. */
  private settle(end: (job: Job) => void): void {
    const job = this.job;
    if (!job) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.job = null;
    if (!this.dead) this.worker.unref();
    end(job);
  }

  kill(): Promise<void> {
    this.dead = true;
    return this.worker.terminate().then(
      () => undefined,
      () => undefined,
    );
  }
}

function jobOf(bytes: Uint8Array, options: ParseOptions, resolve: Job['resolve'], reject: Job['reject']): Job {
  return {
    bytes: payloadOf(bytes, options.transferOwnership === true),
    timeoutMs: options.timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS,
    fileName: options.fileName,
    resolve,
    reject,
  };
}

/**
 * Opens one workbook in a fresh worker, which is ended afterwards. A file over a limit
 * or a damaged archive comes back as problems with a null model. Rejects with an
 * AppError: PARSE_TIMEOUT past `timeoutMs`, PARSE_FAILED when the XML cannot be read or
 * the worker dies (out of memory included). `readUntrustedWorkbook` turns those into
 * problems too.
 */
export function parseWorkbook(bytes: Uint8Array, options: ParseOptions = {}): Promise<UntrustedWorkbook> {
  const worker = new ParseWorker(options.maxHeapMb ?? DEFAULT_PARSE_HEAP_MB);
  return new Promise<UntrustedWorkbook>((resolve, reject) => {
    worker.run(jobOf(bytes, options, resolve, reject));
  }).finally(() => worker.kill());
}

export interface ParsePool {
  readonly size: number;
  /** Queues a file; at most `size` are read at once, each in its own worker. Settles as `parseWorkbook` does. */
  parse(bytes: Uint8Array, options?: Omit<ParseOptions, 'maxHeapMb'>): Promise<UntrustedWorkbook>;
  /** Ends the workers; queued parses are rejected. */
  close(): Promise<void>;
  /** How many workers are up now (for the idle rule's tests and the benchmark). */
  readonly running: number;
}

/**
 * A few long-lived workers for batch imports and the benchmark, so every core reads and
 * a worker is started once, not once per file. Workers start as files come (one file,
 * one worker). A worker that timed out or crashed is replaced by a fresh one for the
 * next file. Idle workers do not keep the process alive; with `idleMs`, they are ended
 * once the pool has been idle that long (their heap, grown by a large file, goes with
 * them) and started again by the next file.
 */
export function createParsePool(size = os.availableParallelism(), options: { maxHeapMb?: number; idleMs?: number } = {}): ParsePool {
  const count = Math.max(1, Math.floor(size));
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_PARSE_HEAP_MB;
  const slots: (ParseWorker | null)[] = Array.from({ length: count }, () => null);
  const queue: Job[] = [];
  let closed = false;
  let idleTimer: NodeJS.Timeout | null = null;

  const stopIdleTimer = (): void => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
  };
  /** Once nothing is queued or being read, the workers are ended after `idleMs`. */
  const whenIdle = (): void => {
    if (options.idleMs === undefined || closed || queue.length > 0 || slots.some((w) => w?.busy)) return;
    stopIdleTimer();
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (queue.length > 0 || slots.some((w) => w?.busy)) return;
      for (const [i, w] of slots.entries()) {
        void w?.kill();
        slots[i] = null;
      }
    }, options.idleMs);
    idleTimer.unref();
  };

  const dispatch = (): void => {
    if (closed) return;
    for (let i = 0; i < slots.length && queue.length > 0; i++) {
      let worker = slots[i] ?? null;
      if (worker?.busy) continue;
      if (!worker || worker.dead) {
        worker = new ParseWorker(maxHeapMb);
        slots[i] = worker;
      }
      const job = queue.shift() as Job;
      worker.run({
        ...job,
        resolve: (read) => {
          job.resolve(read);
          dispatch();
          whenIdle();
        },
        reject: (err) => {
          job.reject(err);
          dispatch();
          whenIdle();
        },
      });
    }
  };

  return {
    size: count,
    get running() {
      return slots.filter((w) => w !== null && !w.dead).length;
    },
    parse(bytes, parseOptions = {}) {
      if (closed) return Promise.reject(new AppError('PARSE_FAILED', 'Bộ đọc Excel đã đóng.'));
      stopIdleTimer();
      return new Promise<UntrustedWorkbook>((resolve, reject) => {
        queue.push(jobOf(bytes, parseOptions, resolve, reject));
        dispatch();
      });
    },
    async close() {
      closed = true;
      stopIdleTimer();
      for (const job of queue.splice(0)) job.reject(new AppError('PARSE_FAILED', 'Bộ đọc Excel đã đóng trước khi đọc tệp.'));
      await Promise.all(slots.map((w) => w?.kill()));
    },
  };
}

/**
 * The whole intake of one file: sniff, pre-scan and read, in a worker (the pool's when
 * given). Every failure comes back as a problem; nothing throws for a bad file.
 */
export async function readUntrustedWorkbook(bytes: Uint8Array, fileName: string, options: Omit<ParseOptions, 'fileName'> & { pool?: ParsePool } = {}): Promise<UntrustedWorkbook> {
  const { pool, ...parseOptions } = options;
  try {
    return pool ? await pool.parse(bytes, { ...parseOptions, fileName }) : await parseWorkbook(bytes, { ...parseOptions, fileName });
  } catch (err) {
    const e = err instanceof AppError ? err : failedError(fileName, String(err));
    return { model: null, problems: [problem(e.code, 'error', '', e.message)] };
  }
}
