// Real-world workbooks: the calamine project's test files (tests/fixtures/corpus/calamine,
// MIT licence beside them), written by Excel, LibreOffice, Gnumeric, openpyxl, Apache POI
// and hand-made generators. Each one goes through the app's whole intake (sniff, pre-scan,
// read, in a worker) and every cell is compared with a second reader, openpyxl, reading
// the value the file stored (tests/helpers/openpyxl-cells.py). A difference is either a
// defect of our reader (fixed) or a known quirk of openpyxl's, listed below per file and
// per cell with the reason. A file the app refuses is listed with the limit it hit.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParsePool, readUntrustedWorkbook, type ParsePool } from '../../electron/excel/parse';
import type { ModelCell, WorkbookModel } from '../../electron/excel/workbook-model';
import { exceljsModel } from '../helpers/exceljs-model';
import { findOpenpyxl, requireAll, skipNote } from '../helpers/capabilities';

const CORPUS = fileURLToPath(new URL('../fixtures/corpus/calamine/', import.meta.url));
const DUMPER = fileURLToPath(new URL('../helpers/openpyxl-cells.py', import.meta.url));
const FILES = readdirSync(CORPUS).filter((f) => f.endsWith('.xlsx')).sort();

type Kind = 'number' | 'string' | 'boolean' | 'date' | 'time' | 'error';
type Cell = [address: string, kind: Kind, value: number | string | boolean];
interface TheirSheet {
  name: string;
  cells: Cell[];
}
type TheirRead = { date1904: boolean; sheets: TheirSheet[] } | { error: string };

/**
 * The files the app refuses, each with the problem it gives and why that is right: the
 * file is one excel.md §2 and §5 say the import refuses (damaged, password-protected,
 * over a limit), and openpyxl cannot open it either.
 */
const REFUSED: Record<string, { code: string; why: string }> = {
  'issue252.xlsx': {
    code: 'ZIP_SIZE_MISMATCH',
    why: 'a damaged archive (excel.md §5, the pre-scan checks declared against real sizes): the CRC-32 of xl/_rels/workbook.xml.rels does not match its bytes (unzip -t and openpyxl say the same), so which sheets the workbook has cannot be trusted',
  },
  'pass_protected.xlsx': {
    code: 'ENCRYPTED',
    why: 'a password-protected workbook, an OLE compound file with an encrypted package (excel.md §2: "OLE/CFB = .xls or password-protected"); the message says how to remove the password',
  },
};

/**
 * Cells where openpyxl reads the stored value differently, and why ours is right.
 * Keyed "file" → "Sheet!A1" → reason.
 */
const ELAPSED_TIME =
  'the cell stores 10.6320601851852 under "[hh]:mm:ss", an elapsed time; openpyxl turns it into a timedelta of whole microseconds, which loses the last digits of the stored number (10.632060185185185 back); ours keeps the number as stored';
const XSTRING =
  'the text holds "_x000D_", ST_Xstring\'s escape of a carriage return (ECMA-376 part 1, §22.9.2.19), which Excel shows as the character; openpyxl 3.0 leaves the escape in the text';
const THEIR_QUIRKS: Record<string, Record<string, string>> = {
  'date.xlsx': { 'Sheet1!A3': ELAPSED_TIME },
  'date_1904.xlsx': { 'Sheet1!A3': ELAPSED_TIME },
  'has_x000D_.xlsx': { 'Sheet1!A1': XSTRING },
  'has_x000D_inline.xlsx': { 'Sheet1!A1': XSTRING },
};

/**
 * Files openpyxl 3.0 cannot read, with the reason; they are compared with exceljs
 * instead, or, where exceljs cannot read them either, with the cells the file holds
 * (read from its XML by hand and written here).
 */
const THEIR_FILE_QUIRKS: Record<string, { why: string; instead: 'exceljs' | Record<string, Cell[]> }> = {
  'empty_s_attribute.xlsx': { why: 'cells carry s="" (no style); openpyxl 3.0 takes it for a style index and fails (TypeError)', instead: 'exceljs' },
  'strict_iso_paths.xlsx': { why: 'Strict OOXML (purl.oclc.org namespaces); openpyxl 3.0 knows only the transitional ones and finds no sheet', instead: 'exceljs' },
  'issue_419.xlsx': {
    why: 'the shared strings part is xl/SharedStrings.xml; package part names are case-insensitive (ECMA-376 part 2, §9.1.1.1), but openpyxl looks for xl/sharedStrings.xml by exact name and fails, and exceljs reads the index "0" as the text "0"',
    instead: { Sheet1: [['A1', 'string', 'Hello']] },
  },
  'minimal_package.xlsx': {
    why: 'the parts sit at the package root (/workbook.xml, /sheet1.xml), named only by _rels/.rels, as OPC allows (ECMA-376 part 2, §9.3); openpyxl and exceljs look for xl/workbook.xml and fail',
    instead: {
      Sheet1: [
        // Inline rich text without a cell reference: the cells follow one another.
        ['A1', 'string', 'ARREST BOOKINGS for 01/30/17'],
        ['A3', 'string', 'BKG_NUM'],
        ['A4', 'string', '4894831'],
        // 31103 under "mm\/dd\/yy".
        ['R4', 'date', '1985-02-25'],
      ],
    },
  },
  'issue_530.xlsx': {
    why: 'zip entry names use "\\" as the separator (xl\\workbook.xml); openpyxl finds no part, and exceljs fails on the workbook part it then reads without workbookPr',
    instead: {
      出勤分类组织汇总表: [
        ['A1', 'string', '报表导出人：'],
        ['B2', 'string', '2023年03月04日'],
        ['C4', 'string', '领域'],
        // Shared strings 425 and 426: a space and the text "9", both t="s".
        ['G5', 'string', ' '],
        ['H5', 'string', '9'],
      ],
    },
  },
};

/** Python with openpyxl (Debian's python3-openpyxl), where this machine has it (capabilities.ts). */
const openpyxl = findOpenpyxl();
const PYTHON = openpyxl.ok ? openpyxl.python : null;
// In CI the second reader is part of the test, not an option (.ci/run installs it).
const mustRun = requireAll();

/** Our cell as openpyxl states it: a formula by its stored result; none when there is none. */
function ours(cell: ModelCell, date1904: boolean): Cell | null {
  const type = cell.type === 'formula' ? cell.resultType : cell.type;
  if (cell.type === 'formula' && !cell.hasCachedResult) return null;
  const v = cell.value;
  if (v === null || type === undefined) return null;
  switch (type) {
    case 'number':
    case 'boolean':
    case 'error':
      return [cell.address, type, v];
    case 'date': {
      const text = String(v);
      // A time of day alone is day 0 of the date system; openpyxl gives it as a time.
      const dayZero = date1904 ? '1904-01-01T' : '1899-12-31T';
      if (text.startsWith(dayZero)) return [cell.address, 'time', text.slice(dayZero.length)];
      return [cell.address, 'date', text];
    }
    case 'richText':
    case 'string':
      return String(v) === '' ? null : [cell.address, 'string', String(v)];
    default:
      return null;
  }
}

let pool: ParsePool;
let theirs: Record<string, TheirRead> = {};
const models = new Map<string, { model: WorkbookModel | null; codes: string[] }>();

beforeAll(async () => {
  pool = createParsePool(2);
  for (const file of FILES) {
    const read = await readUntrustedWorkbook(new Uint8Array(readFileSync(CORPUS + file)), file, { pool });
    models.set(file, { model: read.model, codes: read.problems.filter((p) => p.severity === 'error').map((p) => p.code) });
  }
  if (PYTHON) {
    const run = spawnSync(PYTHON, [DUMPER, ...FILES], { cwd: CORPUS, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`openpyxl-cells.py failed: ${run.stderr}`);
    theirs = JSON.parse(run.stdout) as Record<string, TheirRead>;
  }
}, 300_000);

afterAll(async () => {
  await pool.close();
});

describe('the calamine corpus', () => {
  it('has every file with its licence', () => {
    expect(FILES.length).toBe(65);
    expect(readFileSync(`${CORPUS}LICENSE-MIT.md`, 'utf8')).toContain('MIT License');
  });

  it('refuses only the files listed, each with its limit', () => {
    const refused = Object.fromEntries([...models].filter(([, m]) => m.model === null).map(([f, m]) => [f, m.codes.join(',')]));
    expect(refused).toEqual(Object.fromEntries(Object.entries(REFUSED).map(([f, r]) => [f, r.code])));
  });

  it('computes every formula it can to the result the file stored (shared formulas moved right)', () => {
    const disagreements: string[] = [];
    let computed = 0;
    for (const [file, { model }] of models) {
      for (const sheet of model?.sheets ?? []) {
        for (const cell of sheet.cells) {
          if (cell.type !== 'formula' || !cell.computed || !cell.hasCachedResult) continue;
          computed++;
          const c = cell.computed;
          const same = typeof c.value === 'number' && typeof cell.value === 'number' ? Math.abs(c.value - cell.value) <= 1e-12 * Math.max(1, Math.abs(cell.value)) : c.value === cell.value;
          if (!same) disagreements.push(`${file}: ${sheet.name}!${cell.address} =${cell.formula ?? ''} stored ${JSON.stringify(cell.value)} computed ${JSON.stringify(c.value)}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    // RAND(), LOG10, ROW(), whole-column sums and circular references stay uncomputed; the rest is checked.
    expect(computed).toBeGreaterThan(100);
  });

  // Where openpyxl is missing: skipped, saying why and what installs it; failing in CI.
  (openpyxl.ok || mustRun ? it : it.skip)(`reads every cell as openpyxl does, bar the quirks listed${openpyxl.ok ? '' : ` (${skipNote(openpyxl)})`}`, () => {
    expect(PYTHON, `openpyxl is required when TONGHOP_REQUIRE_ALL=1 (${openpyxl.ok ? '' : openpyxl.install})`).not.toBeNull();
    const differences: string[] = [];
    const unusedQuirks = new Set(Object.entries(THEIR_QUIRKS).flatMap(([f, cells]) => Object.keys(cells).map((c) => `${f}: ${c}`)));
    for (const file of FILES) {
      const mine = models.get(file)?.model;
      const other = theirs[file];
      if (!mine || !other || THEIR_FILE_QUIRKS[file]) continue;
      if ('error' in other) {
        differences.push(`${file}: openpyxl cannot open it (${other.error})`);
        continue;
      }
      differences.push(...compare(file, mine, other, (key) => {
        if (THEIR_QUIRKS[file]?.[key] === undefined) return false;
        unusedQuirks.delete(`${file}: ${key}`);
        return true;
      }));
    }
    expect(differences).toEqual([]);
    // A quirk that no longer shows is stale: the list says only what is true.
    expect([...unusedQuirks]).toEqual([]);
  });

  it('reads the files openpyxl cannot as exceljs does, or as their XML says', async () => {
    const differences: string[] = [];
    for (const [file, quirk] of Object.entries(THEIR_FILE_QUIRKS)) {
      const mine = models.get(file)?.model;
      expect(mine, file).toBeTruthy();
      if (!mine) continue;
      // Still unreadable to openpyxl, or the entry is stale.
      if (PYTHON) expect(theirs[file], file).toSatisfy((t: TheirRead) => 'error' in t || t.sheets.length === 0);
      if (quirk.instead === 'exceljs') {
        const ex = await exceljsModel(new Uint8Array(readFileSync(CORPUS + file)));
        const other = { date1904: ex.date1904, sheets: ex.sheets.map((sh) => ({ name: sh.name, cells: sh.cells.map((c) => ours(c, ex.date1904)).filter((c): c is Cell => c !== null) })) };
        differences.push(...compare(file, mine, other, () => false));
        continue;
      }
      for (const [sheetName, cells] of Object.entries(quirk.instead)) {
        const sheet = mine.sheets.find((sh) => sh.name === sheetName);
        expect(sheet, `${file}: ${sheetName}`).toBeTruthy();
        for (const expected of cells) {
          const cell = sheet?.cells.find((c) => c.address === expected[0]);
          expect(cell && ours(cell, mine.date1904), `${file}: ${sheetName}!${expected[0]}`).toEqual(expected);
        }
      }
    }
    expect(differences).toEqual([]);
  });
});

/** Every difference between our model and another reader's cells, but for the cells `allowed` lets pass. */
function compare(file: string, mine: WorkbookModel, other: { date1904: boolean; sheets: TheirSheet[] }, allowed: (key: string) => boolean): string[] {
  const differences: string[] = [];
  if (mine.date1904 !== other.date1904) differences.push(`${file}: date1904 ${mine.date1904} vs ${other.date1904}`);
  const names = (list: { name: string }[]) => list.map((x) => x.name).join('|');
  if (names(mine.sheets) !== names(other.sheets)) differences.push(`${file}: sheets ${names(mine.sheets)} vs ${names(other.sheets)}`);
  for (const sheet of mine.sheets) {
    const theirSheet = other.sheets.find((x) => x.name === sheet.name);
    if (!theirSheet) continue;
    const a = new Map(sheet.cells.map((c) => ours(c, mine.date1904)).filter((c): c is Cell => c !== null).map((c) => [c[0], c]));
    const b = new Map(theirSheet.cells.map((c) => [c[0], c]));
    for (const address of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(address);
      const y = b.get(address);
      if (JSON.stringify(x) === JSON.stringify(y)) continue;
      const key = `${sheet.name}!${address}`;
      if (allowed(key)) continue;
      differences.push(`${file}: ${key} ours ${JSON.stringify(x?.slice(1) ?? null)} theirs ${JSON.stringify(y?.slice(1) ?? null)}`);
    }
  }
  return differences;
}
