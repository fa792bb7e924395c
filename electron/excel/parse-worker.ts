// The worker thread that opens an untrusted workbook: sniff, pre-scan and inflate
// (zip-scan.ts), then read the cells (workbook-reader.ts). A file that eats memory or
// time costs this worker (with a heap cap, killed on a deadline) and never the app. It
// answers with the plain model of workbook-model.ts and the problems found, nothing else.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PARSE_WORKER_ROLE, type ParseReply, type ParseRequest } from './workbook-model';
import { readWorkbook, type WorkbookRead } from './workbook-reader';
import { scanWorkbook } from './zip-scan';
import { computeFormulas } from './formula-eval';

async function openWorkbook(bytes: Uint8Array, fileName: string): Promise<WorkbookRead> {
  const scan = await scanWorkbook(bytes, fileName);
  if (scan.problems.some((p) => p.severity === 'error')) return { model: null, problems: scan.problems };
  const read = readWorkbook(scan.parts, scan.entryNames, fileName);
  // Formulas are computed here, inside the worker's time and memory caps.
  if (read.model) computeFormulas(read.model);
  return { model: read.model, problems: [...scan.problems, ...read.problems] };
}

/**
 * This thread reads one untrusted file after another (the pool reuses it), so nothing a
 * file does may stay behind: no new keys on the shared prototypes. The reader keeps
 * everything it takes from a file in Maps and arrays; this is the second line.
 */
function sealPrototypes(): void {
  for (const proto of [Object.prototype, Array.prototype, Function.prototype]) Object.preventExtensions(proto);
}

function prototypesClean(): boolean {
  return Object.keys(Object.prototype).length === 0 && Object.keys(Array.prototype).length === 0;
}

function serve(port: NonNullable<typeof parentPort>): void {
  sealPrototypes();
  port.on('message', (request: ParseRequest) => {
    if (request?.type !== 'parse') return;
    openWorkbook(request.bytes, request.fileName).then(
      ({ model, problems }) => port.postMessage({ type: 'result', id: request.id, model, problems } satisfies ParseReply),
      (err: unknown) => port.postMessage({ type: 'failure', id: request.id, message: err instanceof Error ? err.message : String(err) } satisfies ParseReply),
    ).finally(() => {
      // Belt and braces: a thread that was tampered with anyway is not trusted with the next file.
      if (!prototypesClean()) process.exit(1);
    });
  });
  port.postMessage({ type: 'ready' } satisfies ParseReply);
}

// Serve only when started as the parse worker, never as a side effect of an import
// (a test runner's own worker thread, say).
const role = (workerData as { role?: unknown } | null | undefined)?.role;
if (!isMainThread && parentPort && role === PARSE_WORKER_ROLE) serve(parentPort);
