// The Api's messages in English, by code ('api.<CODE>'): renderer/lib/api-message.ts
// fills them with the params the server sent beside its Vietnamese text, and falls back
// to that text where a code has no template here. Vietnamese needs none (the server
// speaks it), so these load with English only and are not part of the key set of vi.ts.
import { parsePeriodCode } from '../../shared/periods';

export const enApi: Record<string, string> = {
  'api.PERIOD_MISMATCH': '{file}: this form is for {period}, but you are receiving reports for {expected}. If it really is the report for {period}, choose that period under "Reporting period" and receive the file again; otherwise ask the agency to send its figures on the form for {expected}.',
  'api.AGENCY_MISMATCH': '{file}: this form belongs to agency {agency}, not to {expected} (the agency chosen).',
  'api.NOT_A_NUMBER': '{cell}: "{text}" is not a number. Type the figure in digits.',
  'api.AMBIGUOUS_NUMBER': '{cell}: "{text}" is ambiguous: its dots and commas could separate thousands or decimals. Retype it (dots between thousands, a comma before decimals), or without separators.',
  'api.NOT_WHOLE': '{cell}: {value} is not a whole number (indicator {indicator}). Enter a whole number.',
  'api.NEGATIVE': '{cell}: a negative number ({value}) is not allowed (indicator {indicator}). Enter 0 or more.',
  'api.PERCENT_OVER_100': '{cell}: the ratio {value}% is above 100% (indicator {indicator}).',
  'api.PERCENT_NOT_EXPECTED': '{cell}: the cell holds a percentage but indicator {indicator} needs a number. Enter the number without %.',
  'api.STATUS_INVALID': '{cell}: "{text}" is not a valid status. Choose one of the statuses the form lists.',
  'api.DATE_INVALID': '{cell}: "{text}" is not a valid date. Enter it as day/month/year, e.g. 18/03/2022.',
  'api.CELL_ERROR': '{cell}: the cell shows the error {value}. Fix it in Excel, save, and import again.',
  // Rule checks (electron/app/checks.ts): the cell is shown beside the sentence.
  'api.CUMULATIVE_FALLS': '{indicator} of {agencyName} for {period} is {value}, against {other} for {against}. A cumulative figure cannot be smaller than in a period it contains, nor larger than in one that contains it: ask the agency, then correct the figure or record a reason for accepting it.',
  'api.NUMERATOR_ABOVE_DENOMINATOR': '{agencyName}: the numerator {numerator} ({value}) is greater than the denominator {denominator} ({other}), so the ratio {indicator} is above 100%. Check with the agency.',
  'api.RATIO_OUT_OF_RANGE': 'The ratio {indicator} for {period} is {value}%, outside 0–100% (numerators total {numeratorTotal}, denominators total {denominatorTotal}). Check the agencies\' figures.',
  'api.OUTLIER': '{indicator} of {agencyName} for {period} is {value}, against {other} for {against}: more than five times as much, or less than a fifth. Check with the agency.',
  'api.NOT_COUNTED': '{agencyName} has a figure for {indicator} ({value}) that is shown but not counted in the total: the agency no longer reports this indicator, or is not among the agencies expected to report for {period}.',
  // A report checked against the plan (electron/app/revisions.ts).
  'api.UNKNOWN_INDICATOR': '{cell}: the plan for {year} has no indicator with code "{indicator}".',
  'api.DUPLICATE_FIELD': '{cell}: indicator {indicator} has two values in the same report.',
  'api.NOT_A_REPORTER': '{cell}: agency {agency} is not assigned to report indicator {indicator}.',
  'api.RATIO_IS_COMPUTED': '{cell}: the ratio {indicator} is computed from its numerator and denominator; the value entered is not used.',
  'api.UNKNOWN_TASK': 'The plan for {year} has no task with code "{task}".',
  'api.NOT_ASSIGNED': 'Agency {agency} neither leads nor coordinates task {task}.',
  'api.RECEIVED_IN_FUTURE': 'The received date {received} has not come yet (today is {today}). Choose the day the document really reached the Office.',
  'api.DOCUMENT_AFTER_RECEIPT': 'The document\'s date ({documentDate}) is after the day it was received ({received}). Check these two dates.',
  // Reading a file (electron/excel/, electron/app/intake.ts).
  'api.FILE_EMPTY': 'The file "{file}" is empty (0 bytes). It may not have finished saving, or was damaged when copied; ask the agency to send it again.',
  'api.NOT_A_WORKBOOK': 'The file "{file}" is not an Excel workbook (.xlsx). Check that you chose the right report file.',
  'api.XLS_OLD_FORMAT': 'The file "{file}" is in the Excel 97-2003 format (.xls). Open it in Excel, choose Save As → Excel Workbook (.xlsx), and import it again.',
  'api.META_MISSING': '{file} is not a report form made by this app. Use the form the Office sent.',
  'api.NOT_RECOGNISED': '{file} is not a report form made by this app and matches no saved layout profile. Use the form the Office sent, or create a layout profile for this agency\'s layout.',
  'api.PROFILE_DIFFERS': '{file} does not quite match any saved layout profile. Sheet "{sheet}" looks like layout profile "{profile}" but differs from its sample in the points below, so the file was not received. If the agency has changed its layout, update profile "{profile}" from the new file in Layout profiles; otherwise use the form the Office sent, or create a layout profile for this layout.',
  'api.UNKNOWN_PERIOD': '{file}: the app has no reporting period {period}. Add it under Reporting periods, or check that the file is the one the Office sent.',
  'api.UNKNOWN_AGENCY': '{file}: agency code "{agency}" is not in the list of agencies. Check the form, or add the agency first under Agencies.',
  'api.SHEET_MISSING': '{file}: the sheet "{sheet}" the form names is missing: it was renamed or deleted. Use the original form again.',
  'api.FORM_SHEET_HIDDEN': '{file}: the sheet "{sheet}" the form reads its figures from is hidden, so what Excel users see may not be what is received. The file was not received; use the original form the Office sent, or unhide the sheet (right-click its tab → Unhide) and check it.',
  'api.ROW_MOVED': '{file}: {count:row was|rows were} inserted or moved compared with the original form; the figures were read by the codes in column {column}. Check the preview.',
  'api.FORM_EMPTY': '{file}: nothing is filled in, so it does not count as the report of {agency}. Ask the agency to fill it in and send it again; the agency stays on the list of those that have not reported.',
  // What the import says of each file (renderer/lib/api-message.ts outcomeText), by its status.
  'api.outcome.rejected': '{file} was not received: {count:error|errors} to fix, listed below. Nothing was changed.',
  'api.outcome.checked': '{file} is valid: it will be submission {revision} of {agency} for {period} ({changes:change|changes} since submission {previous}).',
  'api.outcome.checked.first': '{file} is valid: it will be the first submission of {agency} for {period}.',
  'api.outcome.imported': 'Received the report of {agency} for {period} (submission {revision}).',
  'api.outcome.duplicate': '{file} was imported before (submission {revision} of {agency} for {period}); nothing changed.',
  'api.outcome.skipped': 'Skipped {file}: it is an Excel lock file, not a report.',
  'api.NOT_FOUND': 'Not found: "{key}".',
  // Two clerks on one server (#16): the plan changed since it was loaded.
  'api.PLAN_CHANGED': 'Someone else has just edited the plan; please reload it. Your last change (plan for {year}) was not saved.',
  // Moving a SQLite file onto a server (#16, migrate-to): the server is left empty and the file as it was whenever it is refused.
  'api.MIGRATE_SOURCE_NOT_SQLITE': 'The data open now is already on the PostgreSQL server {server}, not in a SQLite file, so there is nothing to move. Run the command with --db naming the .sqlite file to move onto the server.',
  'api.MIGRATE_SOURCE_NEW': 'The file named with --db did not exist before the command (it has just been created), so there is no data to move. Give --db the path of the .sqlite file in use; the new file may be deleted.',
  'api.MIGRATE_TARGET_NOT_SERVER': '"{target}" is not the address of a PostgreSQL server. Give the address of an empty database, as postgres://<account>@<server>:<port>/<database>.',
  'api.MIGRATE_TARGET_NOT_EMPTY': 'The database {server} is not empty: it already holds {count:table or object|tables or objects} ({found}). Data is moved only into an empty database, so as never to mix with what is there: ask the server\'s administrator for a new database (CREATE DATABASE … OWNER <account>) and run the command again. Nothing was changed.',
  'api.MIGRATE_TARGET_DENIED': 'The account running the command may not create tables in the database {server}. Run it as the database\'s owner (the server\'s administrator makes one with CREATE DATABASE … OWNER <account>). Nothing was changed.',
  'api.MIGRATE_FAILED': 'The data could not be moved onto {server} ({detail}). The server database was left as it was (empty) and the file unchanged. Tell whoever looks after the app.',
  'api.MIGRATE_MISMATCH': 'Nothing was moved onto {server}: the copy on the server did not match the file (tables: {tables}; periods: {periods}). The server database was left empty and the file unchanged. Tell whoever looks after the app.',
  // Browser mode sent a file's digest alone; the server needs its bytes (renderer/lib/intake-upload.ts sends them).
  'api.BYTES_NEEDED': 'The file {file} is not stored yet, so its contents must be sent too. Receive the file {file} again.',
  'api.NETWORK': 'The Tổng hợp CCTP app on this computer cannot be reached (its window may have been closed). Open the app again, then reload the page; if that does not help, tell whoever looks after the app.',
  'api.UNEXPECTED': 'This screen met an unexpected error ({detail}). Reload the page; if it persists, tell the app\'s administrator.',
  'api.INVALID_ARGUMENT': 'The data sent is not valid: {detail}.',
  // A shared server (#16).
  'api.READ_ONLY': 'This data-server account may only view the figures, not change them, so nothing was done and no data changed. If you need to enter or change figures, ask the server administrator for a clerk account.',
  'api.DATA_SERVER_ADDRESS': 'The server address is not in the right form. Enter it as postgres://account@server:5432/database_name (e.g. postgres://vanthu_lan@10.0.0.5:5432/tonghop); the password goes in its own box.',
  'api.DATA_SERVER_NOT_HERE': 'The data server is chosen in the desktop app. In browser mode and on the command line, choose it with --db postgres://… or the TONGHOP_DB environment variable.',
};

/** A period code as English reads it: "9 months of 2022"; a code that is not one is shown as it is. */
export function periodLabelEn(code: string): string {
  const slot = parsePeriodCode(code);
  if (!slot) return code;
  switch (slot.kind) {
    case 'quarter':
      return `Q${slot.quarter ?? 1} ${slot.year}`;
    case 'half':
      // Said mid-sentence as often as alone ("reports for H1 2022"), so no capital to fix.
      return `H1 ${slot.year}`;
    case 'nine-months':
      return `9 months of ${slot.year}`;
    case 'year':
      return `${slot.year} (full year)`;
  }
}
