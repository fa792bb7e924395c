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
  'api.NOT_FOUND': 'Not found: "{key}".',
  'api.NETWORK': 'The app\'s server cannot be reached. Check the terminal window running "npm run web", then reload the page.',
  'api.UNEXPECTED': 'This screen met an unexpected error ({detail}). Reload the page; if it persists, tell the app\'s administrator.',
  'api.INVALID_ARGUMENT': 'The data sent is not valid: {detail}.',
};

/** A period code as English reads it: "9 months of 2022"; a code that is not one is shown as it is. */
export function periodLabelEn(code: string): string {
  const slot = parsePeriodCode(code);
  if (!slot) return code;
  switch (slot.kind) {
    case 'quarter':
      return `Q${slot.quarter ?? 1} ${slot.year}`;
    case 'half':
      return `First half of ${slot.year}`;
    case 'nine-months':
      return `9 months of ${slot.year}`;
    case 'year':
      return `Year ${slot.year}`;
  }
}
