// How a recorded change reads on Nhật ký: actions, entities and fields in the clerk's
// words, for an edit only what changed, for a correction what the file said and what
// the office set, and who acted. Pure, so it is tested without a browser.
import type { ActedBy } from '../../shared/domain';
import { formatDateVi, formatNumber } from '../../shared/numbers';
import type { MessageKey, Translate } from '../i18n';
import { vi } from '../i18n/vi';

function known(key: string): key is MessageKey {
  return key in vi;
}

export function actionLabel(t: Translate, action: string): string {
  const key = `audit.action.${action}`;
  return known(key) ? t(key) : action;
}

export function entityLabel(t: Translate, entity: string): string {
  const key = `audit.entity.${entity}`;
  return known(key) ? t(key) : entity;
}

/** A field's name as the clerk knows it ("validFrom" → "Áp dụng từ"); an unknown one as recorded. */
export function fieldLabel(t: Translate, field: string): string {
  const key = `audit.field.${field}`;
  return known(key) ? t(key) : field;
}

function show(t: Translate, value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (Array.isArray(value)) return value.length === 0 ? '∅' : value.map((v) => show(t, v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  // Days as the clerk writes them (01/07/2022), not as they are stored.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(value)) return formatDateVi(value);
  return String(value);
}

function clip(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A recorded code in words ("template" as the source of a report → "biểu mẫu của ứng dụng"); anything else as shown. */
function valueOf(t: Translate, field: string, value: unknown): string {
  if (typeof value === 'string') {
    const key = `audit.value.${field}_${value}`;
    if (known(key)) return t(key);
  }
  return show(t, value);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "indicator:NV2.01" → "chỉ tiêu NV2.01", "task:NV1:status" → "tình trạng nhiệm vụ NV1". */
function targetOf(t: Translate, field: unknown): string {
  const text = typeof field === 'string' ? field : '';
  const indicator = /^indicator:(.+)$/u.exec(text);
  if (indicator?.[1]) return t('audit.target.indicator', { code: indicator[1] });
  const status = /^task:(.+):status$/u.exec(text);
  if (status?.[1]) return t('audit.target.status', { code: status[1] });
  return text;
}

interface CorrectionDetail {
  field?: unknown;
  cell?: unknown;
  fileText?: unknown;
  number?: unknown;
  text?: unknown;
  note?: unknown;
}

/** "Chỉ tiêu NV1.03, ô Báo cáo!E24: tệp ghi “5” → 9": what the file said and what the office set. */
function correctionLine(t: Translate, c: CorrectionDetail, inList = false): string {
  const isStatus = typeof c.field === 'string' && c.field.endsWith(':status');
  const statusKey = `taskStatus.${String(c.text)}`;
  const value =
    isStatus && known(statusKey) ? t(statusKey) : typeof c.number === 'number' ? formatNumber(c.number) : typeof c.text === 'string' && c.text !== '' ? c.text : '∅';
  const line = t('audit.correction', {
    target: targetOf(t, c.field),
    where: typeof c.cell === 'string' && c.cell ? t('audit.inCell', { cell: c.cell }) : '',
    file: typeof c.fileText === 'string' && c.fileText !== '' ? `“${c.fileText}”` : t('audit.blank'),
    value,
  });
  // In a list of corrections the note goes in brackets, so it does not read as the next field.
  const note = typeof c.note === 'string' && c.note ? (inList ? ` (${fieldLabel(t, 'note')}: ${c.note})` : `; ${fieldLabel(t, 'note')}: ${c.note}`) : '';
  return capitalise(line) + note;
}

/** "Số lũy kế giảm (NV2.02): Công an tỉnh rà soát lại…": an error let through, and why. */
function acceptedLine(t: Translate, a: { rule?: unknown; indicator?: unknown; reason?: unknown }): string {
  const ruleKey = `checkRule.${String(a.rule)}`;
  return t('audit.acceptedLine', { rule: known(ruleKey) ? t(ruleKey) : String(a.rule ?? ''), indicator: String(a.indicator ?? ''), reason: String(a.reason ?? '') });
}

/** A field whose value is a list of records, in words; null for any other field. */
function listOf(t: Translate, field: string, value: unknown): string | null {
  if (!Array.isArray(value) || !value.every((v) => v && typeof v === 'object')) return null;
  if (field === 'corrections') return value.map((c) => correctionLine(t, c as CorrectionDetail, true)).join(' | ');
  if (field === 'accepted') return value.map((a) => acceptedLine(t, a as Record<string, unknown>)).join(' | ');
  return null;
}

/** Who acted: the clerk's name from Cài đặt (or that none was set), and the computer's account. */
export function actorOf(t: Translate, by: ActedBy | null | undefined): { clerk: string; osUser: string | null } {
  // On a shared server the role names the clerk's own login too: both accounts are shown.
  const accounts = [by?.osUser ? t('audit.osUser', { user: by.osUser }) : null, by?.role ? t('audit.dbRole', { role: by.role }) : null].filter((x) => x !== null);
  return { clerk: by?.clerk ?? t('audit.noClerk'), osUser: accounts.length > 0 ? accounts.join(' · ') : null };
}

/**
 * One line for the clerk: for a correction, what the file said and what the office set;
 * for a before/after pair, only what changed; otherwise the fields.
 */
export function summarise(t: Translate, detail: unknown, action?: string): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return clip(show(t, detail));
  const d = detail as Record<string, unknown>;
  if (action === 'correct' && typeof d['field'] === 'string') return clip(correctionLine(t, d), 400);
  const before = d['before'];
  const after = d['after'];
  if (before && after && typeof before === 'object' && typeof after === 'object') {
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    const changed = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
    if (changed.length === 0) return '—';
    return changed.map((k) => `${fieldLabel(t, k)}: ${clip(valueOf(t, k, b[k]), 60)} → ${clip(valueOf(t, k, a[k]), 60)}`).join('; ');
  }
  return Object.entries(d)
    .map(([k, v]) => {
      const list = listOf(t, k, v);
      return `${fieldLabel(t, k)}: ${list === null ? clip(valueOf(t, k, v), 80) : clip(list, 400)}`;
    })
    .join('; ');
}
