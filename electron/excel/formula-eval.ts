// The formulas a report form can hold, computed here rather than taken on faith: a
// file carries each formula's last result, and a tool other than Excel (or a hand) can
// store any number there (`=1+1` with 999), while Excel, which recalculates on open,
// shows the agency 2. Formulas are parsed with @borgar/fx; this evaluates the part of
// Excel a figure is made of: numbers, text, + − × ÷ ^ %, &, comparisons, references
// and ranges within the workbook, and SUM, MIN, MAX, AVERAGE, COUNT, COUNTA, ROUND,
// ROUNDUP, ROUNDDOWN, INT, ABS, IF, IFERROR, AND, OR, NOT. Anything else (another
// function, a name, an external link) is left uncomputed, and the reader says so.
import { parse, parseA1Ref, tokenize } from '@borgar/fx';
import { columnLetters } from '../../shared/cells';
import type { ModelCell, ModelComputed, WorkbookModel } from './workbook-model';

/** A range larger than this is not summed here (no report figure is). */
const MAX_RANGE_CELLS = 100_000;
/** Formulas referring to formulas, this deep at most. */
const MAX_DEPTH = 64;
/**
 * Cells visited over the whole workbook, at most: a file of ten thousand formulas each
 * summing a hundred thousand cells would otherwise keep its worker past its time limit.
 * Beyond it the remaining formulas stay uncomputed, and the reader says so.
 */
export const MAX_CELL_VISITS = 5_000_000;

type Scalar = number | string | boolean | ErrorValue;
interface ErrorValue {
  error: string;
}
/** A range's cells, for the functions that take ranges (blank cells are null). */
interface RangeValue {
  range: (Scalar | null)[];
}
type Value = Scalar | RangeValue | null;

/** Not computable here: the formula stays uncomputed. */
class Unsupported extends Error {}

const isError = (v: unknown): v is ErrorValue => typeof v === 'object' && v !== null && 'error' in v;
const isRange = (v: unknown): v is RangeValue => typeof v === 'object' && v !== null && 'range' in v;

interface AstNode {
  type: string;
  value?: unknown;
  operator?: string;
  name?: string;
  kind?: string;
  callee?: { name: string };
  arguments?: AstNode[];
}

interface SheetIndex {
  name: string;
  cells: Map<string, ModelCell>;
}

function toNumber(v: Scalar | null): number | ErrorValue {
  if (v === null) return 0;
  if (isError(v)) return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const text = v.trim();
  if (text === '') return 0;
  const n = Number(text);
  return Number.isFinite(n) ? n : { error: '#VALUE!' };
}

function toText(v: Scalar | null): string | ErrorValue {
  if (v === null) return '';
  if (isError(v)) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return typeof v === 'number' ? String(Number(v.toPrecision(15))) : v;
}

function toBoolean(v: Scalar | null): boolean | ErrorValue {
  if (v === null) return false;
  if (isError(v)) return v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const t = v.trim().toUpperCase();
  if (t === 'TRUE') return true;
  if (t === 'FALSE') return false;
  return { error: '#VALUE!' };
}

/** Excel's rounding: half away from zero, on the decimal digits shown. */
function round(n: number, digits: number, mode: 'half' | 'up' | 'down'): number {
  const f = 10 ** Math.trunc(digits);
  const scaled = Number((Math.abs(n) * f).toPrecision(15));
  const r = mode === 'half' ? Math.round(scaled) : mode === 'up' ? Math.ceil(scaled) : Math.floor(scaled);
  return (Math.sign(n) * r) / f;
}

/** The formula's syntax tree; what fx's parser refuses is not a formula we compute. */
function parsed(formula: string): AstNode {
  try {
    return parse(tokenize(formula, { mergeRefs: true, negativeNumbers: true })) as unknown as AstNode;
  } catch (err) {
    throw new Unsupported(err instanceof Error ? err.message : String(err));
  }
}

/** Excel has no infinity: a result too large to hold is #NUM!. */
function finite(n: number): number | ErrorValue {
  return Number.isFinite(n) ? n : { error: '#NUM!' };
}

export class FormulaEvaluator {
  private readonly sheets = new Map<string, SheetIndex>();
  private readonly done = new Map<ModelCell, Scalar | null | Unsupported>();
  private readonly busy = new Set<ModelCell>();
  private visits = 0;

  constructor(
    model: WorkbookModel,
    private readonly maxVisits = MAX_CELL_VISITS,
  ) {
    for (const sheet of model.sheets) this.sheets.set(sheet.name.toLowerCase(), { name: sheet.name, cells: new Map(sheet.cells.map((c) => [c.address, c])) });
  }

  /** The value of a formula cell, or null when it cannot be computed here. */
  compute(sheet: string, cell: ModelCell): ModelComputed | null {
    try {
      const v = this.cellValue(this.sheet(sheet), cell, 0);
      if (v === null) return { type: 'number', value: 0 };
      if (isError(v)) return { type: 'error', value: v.error };
      if (typeof v === 'number' && !Number.isFinite(v)) return { type: 'error', value: '#NUM!' };
      return { type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string', value: v };
    } catch {
      // Unsupported, and anything this evaluator did not foresee, leaves the formula
      // uncomputed (and said so: not checked); it never refuses a file Excel opens.
      return null;
    }
  }

  private sheet(name: string): SheetIndex {
    const found = this.sheets.get(name.toLowerCase());
    if (!found) throw new Unsupported(`no sheet ${name}`);
    return found;
  }

  private cellValue(sheet: SheetIndex, cell: ModelCell, depth: number): Scalar | null {
    if (cell.type !== 'formula') return this.constant(cell);
    const known = this.done.get(cell);
    if (known instanceof Unsupported) throw known;
    if (known !== undefined) return known;
    if (this.busy.has(cell) || depth > MAX_DEPTH) throw new Unsupported('circular or too deep');
    if (cell.externalRef) throw new Unsupported('external reference');
    this.busy.add(cell);
    try {
      const v = this.scalar(this.evaluate(parsed(cell.formula ?? ''), sheet, depth));
      this.done.set(cell, v);
      return v;
    } catch (err) {
      if (err instanceof Unsupported) this.done.set(cell, err);
      throw err;
    } finally {
      this.busy.delete(cell);
    }
  }

  private constant(cell: ModelCell): Scalar | null {
    switch (cell.type) {
      case 'number':
        return typeof cell.value === 'number' ? cell.value : null;
      case 'boolean':
        return cell.value === true;
      case 'error':
        return { error: String(cell.value) };
      case 'string':
      case 'richText':
        return String(cell.value ?? '');
      case 'date':
        // A date in a figure's formula is no figure: not computed here.
        throw new Unsupported('date');
      default:
        return null;
    }
  }

  private scalar(v: Value): Scalar | null {
    if (!isRange(v)) return v;
    // A range where one value is due: Excel's implicit intersection; only a single cell is sure.
    if (v.range.length === 1) return v.range[0] ?? null;
    throw new Unsupported('range as a value');
  }

  private reference(value: string, sheet: SheetIndex, depth: number): Value {
    const ref = parseA1Ref(value, { allowNamed: false });
    if (!ref || !('range' in ref)) throw new Unsupported(`reference ${value}`);
    const context = (ref as { context?: string[] }).context ?? [];
    if (context.length > 1) throw new Unsupported('another workbook');
    const target = context.length === 1 ? this.sheet(context[0] ?? '') : sheet;
    const r = ref.range;
    if (r.top === null || r.left === null) throw new Unsupported('whole row or column');
    const bottom = r.bottom ?? r.top;
    const right = r.right ?? r.left;
    if ((bottom - r.top + 1) * (right - r.left + 1) > MAX_RANGE_CELLS) throw new Unsupported('range too large');
    this.visits += (bottom - r.top + 1) * (right - r.left + 1);
    if (this.visits > this.maxVisits) throw new Unsupported('evaluation budget spent');
    const out: (Scalar | null)[] = [];
    for (let row = r.top; row <= bottom; row++) {
      for (let col = r.left; col <= right; col++) {
        const cell = target.cells.get(`${columnLetters(col + 1)}${row + 1}`);
        out.push(cell ? this.cellValue(target, cell, depth + 1) : null);
      }
    }
    return { range: out };
  }

  private evaluate(node: AstNode | null | undefined, sheet: SheetIndex, depth: number): Value {
    // An argument left empty (IF(A1>0,,1), ROUND(A1,)) is a blank, as in Excel.
    if (!node) return null;
    switch (node.type) {
      case 'Literal':
        return node.value as string | number | boolean;
      case 'ErrorLiteral':
        return { error: String(node.value) };
      case 'ReferenceIdentifier':
        if (node.kind !== 'range') throw new Unsupported(`${node.kind ?? 'name'} reference`);
        return this.reference(String(node.value), sheet, depth);
      case 'UnaryExpression':
        return this.unary(node, sheet, depth);
      case 'BinaryExpression':
        return this.binary(node, sheet, depth);
      case 'CallExpression':
        return this.call(node, sheet, depth);
      default:
        throw new Unsupported(node.type);
    }
  }

  private unary(node: AstNode, sheet: SheetIndex, depth: number): Scalar {
    const n = toNumber(this.scalar(this.evaluate((node.arguments ?? [])[0], sheet, depth)));
    if (isError(n)) return n;
    switch (node.operator) {
      case '-':
        return -n;
      case '+':
        return n;
      case '%':
        return n / 100;
      default:
        throw new Unsupported(`unary ${node.operator ?? ''}`);
    }
  }

  private binary(node: AstNode, sheet: SheetIndex, depth: number): Scalar {
    const [left, right] = (node.arguments ?? []).map((a) => this.scalar(this.evaluate(a, sheet, depth)));
    const a = left ?? null;
    const b = right ?? null;
    const op = node.operator ?? '';
    if (op === '&') {
      const x = toText(a);
      const y = toText(b);
      return isError(x) ? x : isError(y) ? y : x + y;
    }
    if (['=', '<>', '<', '>', '<=', '>='].includes(op)) return compare(a, b, op);
    const x = toNumber(a);
    const y = toNumber(b);
    if (isError(x)) return x;
    if (isError(y)) return y;
    switch (op) {
      case '+':
        return finite(x + y);
      case '-':
        return finite(x - y);
      case '*':
        return finite(x * y);
      case '/':
        return y === 0 ? { error: '#DIV/0!' } : finite(x / y);
      case '^':
        return x === 0 && y < 0 ? { error: '#DIV/0!' } : Number.isNaN(x ** y) ? { error: '#NUM!' } : finite(x ** y);
      default:
        throw new Unsupported(`operator ${op}`);
    }
  }

  /** The numbers among the arguments, as SUM and its friends take them: in a range, only numbers count. */
  private numbers(args: Value[]): number[] | ErrorValue {
    const out: number[] = [];
    for (const v of args) {
      if (isRange(v)) {
        for (const item of v.range) {
          if (isError(item)) return item;
          if (typeof item === 'number') out.push(item);
        }
        continue;
      }
      const n = toNumber(v);
      if (isError(n)) return n;
      out.push(n);
    }
    return out;
  }

  private call(node: AstNode, sheet: SheetIndex, depth: number): Value {
    const name = (node.callee?.name ?? '').toUpperCase();
    const raw = node.arguments ?? [];
    const arg = (i: number): Scalar | null => this.scalar(this.evaluate(raw[i], sheet, depth));
    const all = (): Value[] => raw.map((a) => this.evaluate(a, sheet, depth));
    switch (name) {
      case 'SUM':
      case 'MIN':
      case 'MAX':
      case 'AVERAGE':
      case 'COUNT': {
        if (name === 'COUNT') {
          // Excel counts, among arguments typed in the formula, numbers, booleans and numeric text; in a range, only numbers.
          if (raw.some((a) => !a)) throw new Unsupported('COUNT with an empty argument');
          return all().reduce<number>((n, v) => n + (isRange(v) ? v.range.filter((x) => typeof x === 'number').length : typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && !isError(toNumber(v))) ? 1 : 0), 0);
        }
        const ns = this.numbers(all());
        if (isError(ns)) return ns;
        if (name === 'SUM') return finite(ns.reduce((s, n) => s + n, 0));
        if (name === 'AVERAGE') return ns.length === 0 ? { error: '#DIV/0!' } : finite(ns.reduce((s, n) => s + n, 0) / ns.length);
        if (ns.length === 0) return 0;
        // Not Math.min(...ns): a hundred thousand arguments overflow the call stack.
        return ns.reduce((m, n) => (name === 'MIN' ? Math.min(m, n) : Math.max(m, n)));
      }
      case 'COUNTA':
        if (raw.some((a) => !a)) throw new Unsupported('COUNTA with an empty argument');
        return all().reduce<number>((n, v) => n + (isRange(v) ? v.range.filter((x) => x !== null && x !== '').length : v === null ? 0 : 1), 0);
      case 'ROUND':
      case 'ROUNDUP':
      case 'ROUNDDOWN': {
        const n = toNumber(arg(0));
        const d = toNumber(raw.length > 1 ? arg(1) : 0);
        if (isError(n)) return n;
        if (isError(d)) return d;
        return round(n, d, name === 'ROUND' ? 'half' : name === 'ROUNDUP' ? 'up' : 'down');
      }
      case 'INT': {
        const n = toNumber(arg(0));
        return isError(n) ? n : Math.floor(n);
      }
      case 'ABS': {
        const n = toNumber(arg(0));
        return isError(n) ? n : Math.abs(n);
      }
      case 'IF': {
        const c = toBoolean(arg(0));
        if (isError(c)) return c;
        if (c) return raw.length > 1 ? arg(1) : true;
        return raw.length > 2 ? arg(2) : false;
      }
      case 'IFERROR': {
        const v = arg(0);
        return isError(v) ? arg(1) : v;
      }
      case 'AND':
      case 'OR': {
        const bs = raw.map((_, i) => toBoolean(arg(i)));
        const bad = bs.find(isError);
        if (bad) return bad;
        return name === 'AND' ? bs.every((b) => b === true) : bs.some((b) => b === true);
      }
      case 'NOT': {
        const b = toBoolean(arg(0));
        return isError(b) ? b : !b;
      }
      default:
        throw new Unsupported(`function ${name}`);
    }
  }
}

function compare(a: Scalar | null, b: Scalar | null, op: string): Scalar {
  if (isError(a)) return a;
  if (isError(b)) return b;
  // Excel orders numbers before text before booleans; blanks take the other side's kind.
  const rank = (v: Scalar | null) => (typeof v === 'number' || v === null ? 0 : typeof v === 'string' ? 1 : 2);
  let x: number | string | boolean = a ?? (typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0);
  let y: number | string | boolean = b ?? (typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0);
  let c: number;
  if (rank(x) !== rank(y)) c = rank(x) - rank(y);
  else if (typeof x === 'string' && typeof y === 'string') {
    x = x.toLowerCase();
    y = y.toLowerCase();
    c = x < y ? -1 : x > y ? 1 : 0;
  } else c = Number(x) - Number(y);
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    default:
      return c >= 0;
  }
}

/**
 * Computes every formula cell of a model that this evaluator can, and writes the result
 * on the cell (`computed`); the cell readers then hold the stored result to it. Where
 * the file stores no result (generators write formulas alone and leave computing to
 * Excel), the computed one becomes the cell's value too: every reader of the model
 * (a layout profile's headings, labels, agency and period cells, as well as its figures)
 * then sees what Excel shows on opening the file. A formula computed neither by the file
 * nor here keeps a null value, and the cell readers say so at that cell alone.
 */
export function computeFormulas(model: WorkbookModel): void {
  const evaluator = new FormulaEvaluator(model);
  for (const sheet of model.sheets) {
    for (const cell of sheet.cells) {
      if (cell.type !== 'formula' || cell.externalRef) continue;
      const computed = evaluator.compute(sheet.name, cell);
      if (!computed) continue;
      cell.computed = computed;
      if (!cell.hasCachedResult) {
        cell.value = computed.value;
        cell.resultType = computed.type;
      }
    }
  }
}
