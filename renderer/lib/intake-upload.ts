// intake.import over HTTP, as browser mode sends it. JSON carries bytes as base64 (a
// third larger, encoded and decoded on both sides), so a batch the server already holds,
// dropped again, would cost every workbook twice over. The batch goes first as the
// files' SHA-256 alone: the server answers those it holds from what is stored, exactly
// as it would with their bytes, and says BYTES_NEEDED of the others (not logged), whose
// bytes then go in a second call. A batch dropped twice costs a few hundred bytes; a new
// one, one more small round trip. IPC carries bytes natively and needs none of this
// (renderer/api.ts uses it for HTTP only). No window here: the benchmark sends its
// batches through the same function.
import type { ArgsOf, ImportOutcome, MethodName } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';

type ImportArgs = ArgsOf<'intake.import'>;
type Call = (name: MethodName, args: unknown) => Promise<ApiResult<unknown>>;

const BYTES_NEEDED = 'BYTES_NEEDED';

function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Each file's SHA-256, or null where this context has no Web Crypto (then the bytes go as before). */
async function digestsOf(files: ImportArgs['files']): Promise<string[] | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  return Promise.all(files.map(async (f) => hex(await subtle.digest('SHA-256', f.bytes))));
}

export async function importOverHttp(call: Call, args: ImportArgs): Promise<ApiResult<ImportOutcome[]>> {
  const send = (a: ImportArgs) => call('intake.import', a) as Promise<ApiResult<ImportOutcome[]>>;
  // Outcomes are told apart by file name: a call whose names repeat goes as it is.
  if (new Set(args.files.map((f) => f.name)).size !== args.files.length) return send(args);
  const digests = await digestsOf(args.files);
  if (!digests) return send(args);
  const first = await send({ ...args, files: args.files.map((f, i) => ({ ...f, bytes: new Uint8Array(), sha256: digests[i] })) });
  // The digests are only a shortcut: whatever went wrong with them, the batch goes with its bytes.
  if (!first.ok) return send(args);
  const needed = new Set(first.value.filter((o) => o.problems.some((p) => p.code === BYTES_NEEDED)).map((o) => o.file));
  if (needed.size === 0) return first;
  const second = await send({ ...args, files: args.files.filter((f) => needed.has(f.name)) });
  if (!second.ok) return second;
  // In the batch's order: each file's outcomes from the call that answered it.
  return { ok: true, value: args.files.flatMap((f) => (needed.has(f.name) ? second.value : first.value).filter((o) => o.file === f.name)) };
}
