// Dates as a sheet writes them: an Excel day number under a date format, or ISO 8601
// text in a t="d" cell, both read into the model's ISO form.

/** The last day number either system holds: 31/12/9999. */
const LAST_SERIAL_1900 = 2_958_465;
const LAST_SERIAL_1904 = LAST_SERIAL_1900 - 1462;
const SECONDS_PER_DAY = 86_400;

/**
 * An Excel day number as the model's ISO text: wall-clock time without a zone, to the
 * second (rounded, as Excel shows it), a whole day as a date alone. 1900 system: 1 is
 * 01/01/1900 and, as Lotus 1-2-3 had it, 60 is 29/02/1900, a day that never was: it
 * reads "1900-02-29", what Excel shows (a date field refuses it, cell-values.ts), and
 * the days before it are one day later than a plain count from 30/12/1899 gives; 0 is
 * "00/01/1900" (31/12/1899 here), the day a time alone sits on. 1904 system: 0 is
 * 01/01/1904. Null for what no calendar holds (negative, past 9999): Excel shows ####.
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= (date1904 ? LAST_SERIAL_1904 : LAST_SERIAL_1900) + 1) return null;
  const seconds = Math.round(serial * SECONDS_PER_DAY);
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  // 31/12/9999 23:59:59.6 rounds into a year no calendar here holds.
  if (day > (date1904 ? LAST_SERIAL_1904 : LAST_SERIAL_1900)) return null;
  const time = seconds - day * SECONDS_PER_DAY;
  let date: string;
  if (date1904) date = new Date(Date.UTC(1904, 0, 1 + day)).toISOString().slice(0, 10);
  else if (day === 60) date = '1900-02-29';
  else date = new Date(Date.UTC(1899, 11, day < 60 ? 31 + day : 30 + day)).toISOString().slice(0, 10);
  if (time === 0) return date;
  return `${date}T${new Date(time * 1000).toISOString().slice(11, 19)}`;
}

/**
 * A cell written as an ISO 8601 date (t="d"), in the model's form; a time alone
 * ("10:10:10", as openpyxl writes one) sits on day 0 of the workbook's system.
 */
export function isoDate(text: string, date1904: boolean): string | null {
  const trimmed = text.trim();
  const time = /^(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z?$/u.exec(trimmed);
  if (time) return `${date1904 ? '1904-01-01' : '1899-12-31'}T${time[1]}`;
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z?)?$/u.exec(trimmed);
  if (!m) return null;
  return m[2] === undefined || m[2] === '00:00:00' ? (m[1] ?? null) : `${m[1]}T${m[2]}`;
}
