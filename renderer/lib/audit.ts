// How a recorded change reads on Nhật ký: actions, entities and fields in the clerk's
// words, and for an edit only what changed. Pure, so it is tested without a browser.
import { formatDateVi } from '../../shared/numbers';
import { MESSAGES, type MessageKey, type Translate } from '../i18n';

function known(key: string): key is MessageKey {
  return key in MESSAGES.vi;
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

/** One line for the clerk: for a before/after pair, only what changed; otherwise the fields. */
export function summarise(t: Translate, detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return clip(show(t, detail));
  const d = detail as Record<string, unknown>;
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
    .map(([k, v]) => `${fieldLabel(t, k)}: ${clip(valueOf(t, k, v), 80)}`)
    .join('; ');
}
