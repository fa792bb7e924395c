// The sample sheet as the clerk sees it in Excel (merges kept), with what has been
// pointed out tinted: the header rows, the key column, the value columns, the agency
// and period cells, and the rows under the table. A click on a cell, a row number or a
// column letter points at it.
import { columnLetters, columnNumber } from '../../../shared/cells';
import type { InspectedSheet } from '../../../shared/api';
import { useT } from '../../i18n';
import type { Draft } from './draft';

export function SheetGrid({ sheet, draft, onPick }: { sheet: InspectedSheet; draft: Draft; onPick: (row: number | null, col: number | null) => void }) {
  const t = useT();
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of sheet.merges) {
    spans.set(`${m.row}:${m.col}`, { rowSpan: m.rowSpan, colSpan: m.colSpan });
    for (let r = m.row; r < m.row + m.rowSpan; r++) for (let c = m.col; c < m.col + m.colSpan; c++) if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
  }
  const width = sheet.rows[0]?.length ?? 0;
  const keyCol = draft.keyCol ? columnNumber(draft.keyCol) : -1;
  const valueCols = new Set<number>();
  if (draft.shape === 'agencyColumns') for (const c of draft.agencyColumns) valueCols.add(columnNumber(c));
  else if (draft.shape !== 'agencyRows' && draft.valueCol) valueCols.add(columnNumber(draft.valueCol));
  const agencyCell = (draft.shape === 'indicators' || draft.shape === 'agencySheets') && draft.agencyMode === 'cell' ? draft.agencyCell : null;
  const { first, last, lastRow } = draft;
  const inHeader = (r: number) => first !== null && r >= first && r <= (last ?? first);
  // The key and value columns are tinted where the table is: under the header, down to its last row.
  const inTable = (r: number) => first !== null && r > (last ?? first) && (lastRow === null || r <= lastRow);
  const afterTable = (r: number) => lastRow !== null && r > lastRow;
  return (
    <div className="wizard-grid-wrap" role="region" aria-label={t('wizard.gridLabel', { sheet: sheet.name })} tabIndex={0}>
      <table className="wizard-grid">
        <thead>
          <tr>
            <th aria-label={t('wizard.corner')} />
            {Array.from({ length: width }, (_, c) => (
              <th key={c} scope="col" onClick={() => onPick(null, c + 1)}>
                {columnLetters(c + 1)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sheet.rows.map((cells, r) => (
            <tr key={r}>
              <th scope="row" onClick={() => onPick(r + 1, null)}>
                {r + 1}
              </th>
              {cells.map((text, c) => {
                const at = `${r + 1}:${c + 1}`;
                if (covered.has(at)) return null;
                const span = spans.get(at);
                const address = `${columnLetters(c + 1)}${r + 1}`;
                const classes = [
                  inHeader(r + 1) ? 'is-header' : '',
                  inTable(r + 1) && c + 1 === keyCol ? 'is-key' : '',
                  inTable(r + 1) && valueCols.has(c + 1) ? 'is-value' : '',
                  agencyCell === address ? 'is-agency' : '',
                  draft.periodCell === address ? 'is-period' : '',
                  afterTable(r + 1) ? 'is-after' : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  <td key={c} rowSpan={span?.rowSpan} colSpan={span?.colSpan} className={classes || undefined} title={address} data-address={address} onClick={() => onPick(r + 1, c + 1)}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
