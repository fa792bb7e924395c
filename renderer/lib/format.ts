// How figures and times read on screen: vi-VN numbers, dd/mm/yyyy dates.
import type { IndicatorConsolidation } from '../../shared/api';
import { formatDateVi, formatNumber } from '../../shared/numbers';
import type { MessageKey } from '../i18n';

type Kind = IndicatorConsolidation['kind'];

/** A figure in its indicator's form: whole numbers, decimals, or a percent ("85,7%"). */
export function formatFigure(value: number | null | undefined, kind: Kind, text?: string | null): string {
  if (value === null || value === undefined) return text ?? '';
  if (kind === 'integer') return formatNumber(value, 'integer');
  if (kind === 'percent') return formatNumber(value, 'percent');
  return formatNumber(value, 'decimal');
}

/** "16/03/2022 09:17" from "2022-03-16T09:17:00": the clerk needs the hour to judge a deadline day. */
export function formatDateTimeVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = /T(\d{2}):(\d{2})/u.exec(iso);
  return time ? `${formatDateVi(iso)} ${time[1]}:${time[2]}` : formatDateVi(iso);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${formatNumber(n, 'integer')} B`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, 'integer')} KB`;
  return `${formatNumber(n / 1024 / 1024, 'decimal')} MB`;
}

const WEEKDAY_KEYS = ['weekday.sun', 'weekday.mon', 'weekday.tue', 'weekday.wed', 'weekday.thu', 'weekday.fri', 'weekday.sat'] as const satisfies readonly MessageKey[];

/** The name of the day of the week of an ISO date ("Chủ nhật"), for t(); the calendar day itself, whatever the time zone. */
export function weekdayKey(iso: string): (typeof WEEKDAY_KEYS)[number] {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return WEEKDAY_KEYS[new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay()] ?? 'weekday.sun';
}

