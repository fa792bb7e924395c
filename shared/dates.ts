// Dates are stored as ISO text. Times are the workstation's local wall-clock time,
// because "received on 18/03" means the office's day, not UTC's.

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function localDateTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function localDate(d: Date): string {
  return localDateTime(d).slice(0, 10);
}

/** Strict yyyy-mm-dd that names a real day. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Reads dd/mm/yyyy (or d/m/yyyy, with / . or -) into ISO; null when it is not a real day. */
export function parseVietnameseDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/u.exec(text);
  if (!m) return isIsoDate(text.trim()) ? text.trim() : null;
  const iso = `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
