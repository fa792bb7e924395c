// Mẫu bố cục: the clerk opens a sample workbook in an agency's own layout, points at
// its header rows and the columns that matter on the sheet itself, sees every row
// matched to an indicator (the same reader an import uses), confirms the suggested
// indicator for rows in the agency's own wording, and saves the layout profile. Later
// imports of workbooks in that layout use it on their own.
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Segmented, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { columnLetters, columnNumber } from '../../shared/cells';
import type { FileBytes, InspectedSheet, ProfilePreview, ProfilePreviewRow, WorkbookInspection } from '../../shared/api';
import type { Period } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import type { LayoutProfileInput } from '../../shared/profiles';
import { matchesSearch } from '../../shared/text';
import { api, fileBytes, shell } from '../api';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { WORKBOOK_ACCEPT } from '../components/FileDrop';
import { useApi } from '../hooks/useApi';
import { useT, type MessageKey } from '../i18n';
import { hrefFor } from '../state/useRoute';
import './entry/entry.css';

/** Who sent the figures: named in a heading cell, one agency for the whole file, or one agency per value column. */
type AgencyMode = 'cell' | 'fixed' | 'columns';

/** "d, e  F" → ["D", "E", "F"], left to right, each once. */
function columnList(text: string): string[] {
  const letters = text.toUpperCase().match(/[A-Z]{1,3}/gu) ?? [];
  return [...new Set(letters)].sort((a, b) => columnNumber(a) - columnNumber(b));
}

type Pointing = 'headerFirst' | 'headerLast' | 'key' | 'value' | 'agency' | 'lastRow' | 'period';
/** In the order a clerk points; the last two are optional. */
const POINTING: Pointing[] = ['headerFirst', 'headerLast', 'key', 'value', 'agency', 'lastRow', 'period'];

/** The text a person sees at a cell: its own, or its merge's. */
function shownAt(sheet: InspectedSheet, row: number, col: number): string {
  const own = sheet.rows[row - 1]?.[col - 1] ?? '';
  if (own) return own;
  const m = sheet.merges.find((x) => x.row <= row && row < x.row + x.rowSpan && x.col <= col && col < x.col + x.colSpan);
  return m ? (sheet.rows[m.row - 1]?.[m.col - 1] ?? '') : '';
}

/** The lowest header text over a column that names something ("Kỳ báo cáo", not "(4)"). */
function headerTextOf(sheet: InspectedSheet, col: number, first: number, last: number): string {
  for (let r = last; r >= first; r--) {
    const text = shownAt(sheet, r, col).trim();
    if (text && !/^\(?(\d{1,3}|[a-zA-Z])\)?$/u.test(text)) return text;
  }
  return '';
}

interface Marks {
  first: number | null;
  last: number | null;
  key: string | null;
  value: string | null;
  agency: string | null;
  agencyColumns: readonly string[];
  lastRow: number | null;
  period: string | null;
}

function Grid({ sheet, marks, onPick }: { sheet: InspectedSheet; marks: Marks; onPick: (row: number | null, col: number | null) => void }) {
  const t = useT();
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of sheet.merges) {
    spans.set(`${m.row}:${m.col}`, { rowSpan: m.rowSpan, colSpan: m.colSpan });
    for (let r = m.row; r < m.row + m.rowSpan; r++) for (let c = m.col; c < m.col + m.colSpan; c++) if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
  }
  const width = sheet.rows[0]?.length ?? 0;
  const keyCol = marks.key ? columnNumber(marks.key) : -1;
  const valueCol = marks.value ? columnNumber(marks.value) : -1;
  const agencyCols = new Set(marks.agencyColumns.map(columnNumber));
  const inHeader = (r: number) => marks.first !== null && r >= marks.first && r <= (marks.last ?? marks.first);
  // The key and value columns are tinted where the table is: under the header, down to its last row.
  const inTable = (r: number) => marks.first !== null && r > (marks.last ?? marks.first) && (marks.lastRow === null || r <= marks.lastRow);
  const afterTable = (r: number) => marks.lastRow !== null && r > marks.lastRow;
  return (
    <div className="wizard-grid-wrap" role="region" aria-label={t('wizard.gridLabel', { sheet: sheet.name })}>
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
                  inTable(r + 1) && (c + 1 === valueCol || agencyCols.has(c + 1)) ? 'is-value' : '',
                  marks.agency === address ? 'is-agency' : '',
                  marks.period === address ? 'is-period' : '',
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

function asUpload(file: FileBytes): { name: string; bytes: Uint8Array<ArrayBuffer> } {
  return file as { name: string; bytes: Uint8Array<ArrayBuffer> };
}

export function ProfileWizard({ period }: { period: Period }) {
  const t = useT();
  const { message } = App.useApp();
  const plan = useApi('plans.get', { year: period.planYear });
  const agencies = useApi('agencies.list', {});
  const agencyName = useMemo(() => new Map((agencies.value ?? []).map((a) => [a.code, a.name])), [agencies.value]);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<FileBytes | null>(null);
  const [inspection, setInspection] = useState<WorkbookInspection | null>(null);
  const [sheetIndex, setSheetIndex] = useState(0);
  const [busy, setBusy] = useState<'inspect' | 'preview' | 'save' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pointing, setPointing] = useState<Pointing>('headerFirst');
  const [first, setFirst] = useState<number | null>(null);
  const [last, setLast] = useState<number | null>(null);
  const [keyCol, setKeyCol] = useState<string | null>(null);
  const [matchBy, setMatchBy] = useState<'name' | 'code' | 'label'>('name');
  const [valueCol, setValueCol] = useState<string | null>(null);
  const [valueBy, setValueBy] = useState<'header' | 'column'>('header');
  const [valueHeader, setValueHeader] = useState('');
  const [agencyMode, setAgencyMode] = useState<AgencyMode>('cell');
  /** For a table with one column per agency: those columns, left to right. */
  const [agencyColumns, setAgencyColumns] = useState<string[]>([]);
  const [agencyCell, setAgencyCell] = useState<string | null>(null);
  const [agencyCode, setAgencyCode] = useState<string | undefined>();
  const [lastRow, setLastRow] = useState<number | null>(null);
  const [periodCell, setPeriodCell] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [confirmed, setConfirmed] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<ProfilePreview | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);

  const sheet = inspection?.sheets[sheetIndex];
  const indicators = useMemo(() => (plan.value?.tasks ?? []).flatMap((task) => task.indicators).filter((i) => !i.retired), [plan.value]);

  const reset = () => {
    setFirst(null);
    setLast(null);
    setKeyCol(null);
    setValueCol(null);
    setValueHeader('');
    setAgencyCell(null);
    setAgencyColumns([]);
    setLastRow(null);
    setPeriodCell(null);
    setConfirmed({});
    setPreview(null);
    setSavedName(null);
    setPointing('headerFirst');
  };

  const open = async (incoming: FileBytes) => {
    setBusy('inspect');
    setError(null);
    reset();
    setFile(incoming);
    try {
      const r = await api['profiles.inspect']({ file: asUpload(incoming) });
      if (!r.ok) {
        setInspection(null);
        setError(r.error);
        return;
      }
      setInspection(r.value);
      // The sheet with the most text is the table, usually; help sheets are short.
      const best = r.value.sheets.reduce((b, s, i, all) => (s.rows.flat().filter(Boolean).length > (all[b]?.rows.flat().filter(Boolean).length ?? 0) ? i : b), 0);
      setSheetIndex(best);
      setName(`Mẫu ${incoming.name.replace(/\.[^.]+$/u, '')}`);
    } finally {
      setBusy(null);
    }
  };

  const choose = async () => {
    if (shell.kind === 'desktop') {
      const files = await shell.openWorkbooks();
      if (files?.[0]) await open(files[0]);
      return;
    }
    input.current?.click();
  };

  const definition = (): LayoutProfileInput | null => {
    if (!sheet || first === null || !keyCol) return null;
    const value = valueBy === 'header' && valueHeader.trim() ? { headerText: valueHeader.trim() } : valueCol ? { column: valueCol } : null;
    const agency =
      agencyMode === 'cell'
        ? agencyCell
          ? { mode: 'cell' as const, cell: agencyCell }
          : null
        : agencyMode === 'fixed'
          ? agencyCode
            ? { mode: 'fixed' as const, code: agencyCode }
            : null
          : agencyColumns.length > 0
            ? { mode: 'columns' as const, columns: agencyColumns }
            : null;
    // With a column per agency, each agency's figures are in its own column: no single value column.
    if (!agency || (agencyMode !== 'columns' && !value)) return null;
    const headerLast = Math.max(first, last ?? first);
    return {
      name: name.trim() || `Mẫu ${sheet.name}`,
      sheet: { name: sheet.name },
      headerRows: { first, last: headerLast },
      // Optional: a last row above the notes and signatures, and a cell that names the period.
      ...(lastRow !== null && lastRow > headerLast ? { lastRow } : {}),
      ...(periodCell ? { periodCell } : {}),
      layout: { kind: 'indicator-rows', keyColumn: keyCol, match: { by: matchBy, confirmed }, ...(value && agencyMode !== 'columns' ? { value } : {}), agency },
    };
  };

  const runPreview = async (override?: Record<string, string>) => {
    const base = definition();
    if (!file || !base) return;
    const def = override && base.layout.kind === 'indicator-rows' ? { ...base, layout: { ...base.layout, match: { by: matchBy, confirmed: override } } } : base;
    setBusy('preview');
    setError(null);
    try {
      const r = await api['profiles.preview']({ file: asUpload(file), definition: def, period: period.code });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setPreview(r.value);
      if (r.value.agency && (!name.trim() || name.startsWith('Mẫu '))) setName(`${r.value.agency.name} – mẫu riêng`);
    } finally {
      setBusy(null);
    }
  };

  const confirm = (row: ProfilePreviewRow, code: string | null) => {
    const next = { ...confirmed };
    if (code) next[row.confirmKey] = code;
    else delete next[row.confirmKey];
    setConfirmed(next);
    void runPreview(next);
  };

  const save = async () => {
    const def = definition();
    if (!def) return;
    setBusy('save');
    setError(null);
    try {
      const r = await api['profiles.save']({ definition: def });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setSavedName(r.value.name);
      void message.success(t('wizard.saved', { name: r.value.name }));
    } finally {
      setBusy(null);
    }
  };

  const pick = (row: number | null, col: number | null) => {
    if (!sheet) return;
    const advance = (done: Pointing) => {
      const i = POINTING.indexOf(done);
      setPointing(POINTING[Math.min(i + 1, POINTING.length - 1)] ?? done);
    };
    switch (pointing) {
      case 'headerFirst':
        if (row === null) return;
        setFirst(row);
        if (last === null || last < row) setLast(row);
        advance('headerFirst');
        break;
      case 'headerLast':
        if (row === null) return;
        setLast(row);
        if (first === null || first > row) setFirst(row);
        advance('headerLast');
        break;
      case 'key':
        if (col === null) return;
        setKeyCol(columnLetters(col));
        advance('key');
        break;
      case 'value': {
        if (col === null) return;
        setValueCol(columnLetters(col));
        const text = first !== null ? headerTextOf(sheet, col, first, last ?? first) : '';
        setValueHeader(text);
        setValueBy(text ? 'header' : 'column');
        advance('value');
        break;
      }
      case 'agency':
        if (agencyMode === 'columns') {
          // Each click adds a column, or takes it away again; the clerk may click several.
          if (col === null) return;
          const letter = columnLetters(col);
          setAgencyColumns((cols) => (cols.includes(letter) ? cols.filter((c) => c !== letter) : [...cols, letter].sort((a, b) => columnNumber(a) - columnNumber(b))));
          break;
        }
        if (row === null || col === null) return;
        setAgencyMode('cell');
        setAgencyCell(`${columnLetters(col)}${row}`);
        advance('agency');
        break;
      case 'lastRow':
        if (row === null) return;
        setLastRow(row);
        advance('lastRow');
        break;
      case 'period':
        if (row === null || col === null) return;
        setPeriodCell(`${columnLetters(col)}${row}`);
        break;
    }
    setPreview(null);
  };

  const ready = definition() !== null;
  const pointingLabels: Record<Pointing, MessageKey> = {
    headerFirst: 'wizard.point.headerFirst',
    headerLast: 'wizard.point.headerLast',
    key: 'wizard.point.key',
    value: 'wizard.point.value',
    agency: 'wizard.point.agency',
    lastRow: 'wizard.point.lastRow',
    period: 'wizard.point.period',
  };

  const roleTag = (row: ProfilePreviewRow) => {
    if (row.role === 'group') return <span className="muted">{t('wizard.role.group')}</span>;
    if (row.role === 'passed') return <span className="muted">{t('wizard.role.passed')}</span>;
    if (row.role === 'end') return <span className="muted">{t('wizard.role.end')}</span>;
    if (row.indicator) {
      const isConfirmed = confirmed[row.confirmKey] === row.indicator.code;
      return (
        <span className="wrap">
          <Tag color={isConfirmed ? 'blue' : 'green'}>{row.indicator.code}</Tag>
          {row.indicator.name}
          {row.indicator.computed ? <span className="muted small"> · {t('wizard.computed')}</span> : null}
          {isConfirmed ? (
            <>
              {' '}
              <Tag color="blue">{t('wizard.confirmedTag')}</Tag>
              <Button size="small" type="link" onClick={() => confirm(row, null)}>
                {t('wizard.unconfirm')}
              </Button>
            </>
          ) : null}
        </span>
      );
    }
    return (
      <div className="wizard-pick">
        <Tag color="orange" style={{ width: 'fit-content' }}>
          {t('wizard.role.unmatched')}
        </Tag>
        {row.suggestions.length > 0 ? (
          <div className="wizard-suggestions">
            {row.suggestions.map((s) => (
              <Button key={s.code} size="small" onClick={() => confirm(row, s.code)} aria-label={t('wizard.confirmAs', { code: s.code, name: s.name, row: row.row })}>
                {t('wizard.confirmShort', { code: s.code, name: s.name })}
              </Button>
            ))}
          </div>
        ) : null}
        <Select
          size="small"
          aria-label={t('wizard.otherIndicator', { row: row.row })}
          placeholder={t('wizard.otherIndicatorShort')}
          style={{ width: '100%' }}
          popupMatchSelectWidth={false}
          value={null}
          onChange={(code: string) => confirm(row, code)}
          showSearch={{ filterOption: (q, option) => matchesSearch(String(option?.label ?? ''), q) }}
          options={indicators.map((i) => ({ value: i.code, label: `${i.code} – ${i.name}` }))}
        />
      </div>
    );
  };

  const previewColumns: ColumnsType<ProfilePreviewRow> = [
    { title: t('wizard.col.row'), dataIndex: 'row', width: 60 },
    { title: t('wizard.col.text'), dataIndex: 'text', render: (v: string) => <span className="wrap">{v}</span> },
    { title: t('wizard.col.value'), dataIndex: 'value', width: 100, align: 'right' },
    { title: t('col.indicator'), key: 'indicator', width: '42%', render: (_, row) => roleTag(row) },
  ];
  const matched = preview?.rows.filter((r) => r.role === 'matched').length ?? 0;
  const unmatched = preview?.rows.filter((r) => r.role === 'unmatched').length ?? 0;

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys 1–7 choose what the next click points at.
    const n = Number(e.key);
    const target = POINTING[n - 1];
    if (target && !(e.target instanceof HTMLInputElement)) setPointing(target);
  };

  return (
    <div className="screen wizard">
      <Card className="block" size="small">
        <p className="card-hint">{t('wizard.intro')}</p>
        <span className="button-row">
          <Button type="primary" loading={busy === 'inspect'} onClick={() => void choose()}>
            {file ? t('wizard.chooseAnother') : t('wizard.choose')}
          </Button>
          {file ? <span className="toolbar-text">{t('wizard.fileShown', { name: file.name })}</span> : null}
        </span>
        <input
          ref={input}
          type="file"
          accept={WORKBOOK_ACCEPT}
          aria-label={t('wizard.fileInput')}
          className="visually-hidden"
          tabIndex={-1}
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            e.target.value = '';
            if (chosen) void fileBytes(chosen).then(open);
          }}
        />
      </Card>
      {error ? <ApiErrorAlert error={error} /> : null}
      {inspection && sheet ? (
        <div className="wizard-layout block">
          <Card
            size="small"
            title={t('wizard.sheetTitle', { sheet: sheet.name })}
            extra={
              inspection.sheets.length > 1 ? (
                <Segmented
                  size="small"
                  aria-label={t('wizard.sheet')}
                  value={sheetIndex}
                  onChange={(v) => {
                    setSheetIndex(Number(v));
                    reset();
                  }}
                  options={inspection.sheets.map((s, i) => ({ value: i, label: s.name }))}
                />
              ) : null
            }
          >
            <div onKeyDown={onGridKey}>
              <Radio.Group
                size="small"
                optionType="button"
                buttonStyle="solid"
                aria-label={t('wizard.pointing')}
                value={pointing}
                onChange={(e) => setPointing(e.target.value as Pointing)}
                options={POINTING.map((p, i) => ({ value: p, label: `${i + 1}. ${t(p === 'agency' && agencyMode === 'columns' ? 'wizard.point.agencyColumns' : pointingLabels[p])}` }))}
              />
              <p className="card-hint" style={{ margin: '6px 0 0' }} role="status">
                {pointing === 'agency' && agencyMode === 'columns' ? t('wizard.hint.agencyColumns') : t(`wizard.hint.${pointing}`)}
              </p>
              <div className="wizard-legend" aria-hidden="true">
                <span className="l-header">{t('wizard.legend.header')}</span>
                <span className="l-key">{t('wizard.legend.key')}</span>
                <span className="l-value">{t('wizard.legend.value')}</span>
                <span className="l-agency">{t('wizard.legend.agency')}</span>
                <span className="l-period">{t('wizard.legend.period')}</span>
                <span className="l-after">{t('wizard.legend.after')}</span>
              </div>
              <Grid sheet={sheet} marks={{ first, last, key: keyCol, value: valueCol, agency: agencyMode === 'cell' ? agencyCell : null, agencyColumns: agencyMode === 'columns' ? agencyColumns : [], lastRow, period: periodCell }} onPick={pick} />
              {sheet.truncated ? <p className="muted small">{t('wizard.truncated', { rows: sheet.rows.length, cols: sheet.rows[0]?.length ?? 0 })}</p> : null}
            </div>
          </Card>
          <Card size="small" title={t('wizard.formTitle')} className="wizard-form">
            <Form layout="vertical" size="small" component="div">
              <Form.Item label={t('wizard.headerRows')} htmlFor="wizard-first">
                <span className="button-row">
                  <InputNumber id="wizard-first" aria-label={t('wizard.point.headerFirst')} min={1} value={first} onChange={(v) => setFirst(v ?? null)} style={{ width: 90 }} />
                  <span>–</span>
                  <InputNumber aria-label={t('wizard.point.headerLast')} min={1} value={last} onChange={(v) => setLast(v ?? null)} style={{ width: 90 }} />
                </span>
              </Form.Item>
              <Form.Item label={t('wizard.keyColumn')} htmlFor="wizard-key">
                <span className="button-row">
                  <Input id="wizard-key" aria-label={t('wizard.point.key')} value={keyCol ?? ''} maxLength={3} style={{ width: 64 }} onChange={(e) => setKeyCol(e.target.value.toUpperCase().replace(/[^A-Z]/gu, '') || null)} />
                  <Segmented
                    size="small"
                    aria-label={t('wizard.matchBy')}
                    value={matchBy}
                    onChange={(v) => {
                      setMatchBy(v);
                      setConfirmed({});
                      setPreview(null);
                    }}
                    options={(['name', 'code', 'label'] as const).map((v) => ({ value: v, label: t(`wizard.by.${v}`) }))}
                  />
                </span>
              </Form.Item>
              {agencyMode === 'columns' ? (
                <Form.Item label={t('wizard.valueColumn')}>
                  <span className="muted small">{t('wizard.valueNotNeeded')}</span>
                </Form.Item>
              ) : (
                <Form.Item label={t('wizard.valueColumn')} htmlFor="wizard-value">
                  <Radio.Group size="small" value={valueBy} onChange={(e) => setValueBy(e.target.value as 'header' | 'column')} aria-label={t('wizard.valueColumn')}>
                    <Radio value="header">{t('wizard.valueByHeader')}</Radio>
                    <Radio value="column">{t('wizard.valueByColumn')}</Radio>
                  </Radio.Group>
                  {valueBy === 'header' ? (
                    <Input id="wizard-value" aria-label={t('wizard.valueByHeader')} value={valueHeader} onChange={(e) => setValueHeader(e.target.value)} style={{ marginTop: 4 }} />
                  ) : (
                    <Input id="wizard-value" aria-label={t('wizard.valueByColumn')} value={valueCol ?? ''} maxLength={3} style={{ width: 64, marginTop: 4 }} onChange={(e) => setValueCol(e.target.value.toUpperCase().replace(/[^A-Z]/gu, '') || null)} />
                  )}
                </Form.Item>
              )}
              <Form.Item label={t('wizard.agency')}>
                <Radio.Group
                  size="small"
                  value={agencyMode}
                  onChange={(e) => {
                    setAgencyMode(e.target.value as AgencyMode);
                    setPreview(null);
                  }}
                  aria-label={t('wizard.agency')}
                >
                  <Radio value="cell">{t('wizard.agencyCell')}</Radio>
                  <Radio value="fixed">{t('wizard.agencyFixed')}</Radio>
                  <Radio value="columns">{t('wizard.agencyColumns')}</Radio>
                </Radio.Group>
                {agencyMode === 'columns' ? (
                  <Input aria-label={t('wizard.agencyColumns')} value={agencyColumns.join(', ')} placeholder="D, E, F" style={{ width: 160, marginTop: 4 }} onChange={(e) => setAgencyColumns(columnList(e.target.value))} />
                ) : agencyMode === 'cell' ? (
                  <Input aria-label={t('wizard.agencyCell')} value={agencyCell ?? ''} maxLength={8} style={{ width: 90, marginTop: 4 }} onChange={(e) => setAgencyCell(e.target.value.toUpperCase().replace(/[^A-Z0-9]/gu, '') || null)} />
                ) : (
                  <Select
                    aria-label={t('wizard.agencyFixed')}
                    style={{ width: '100%', marginTop: 4 }}
                    value={agencyCode}
                    onChange={(v: string) => setAgencyCode(v)}
                    showSearch={{ filterOption: (q, option) => matchesSearch(String(option?.label ?? ''), q) }}
                    options={(agencies.value ?? []).map((a) => ({ value: a.code, label: a.name }))}
                  />
                )}
                {preview && agencyMode === 'columns' ? (
                  <div className={preview.reports.length > 0 ? 'small' : 'entry-problem'} role="status">
                    {preview.reports.length > 0
                      ? t('wizard.agencyColumnsFound', { list: preview.reports.map((r) => t('wizard.figures', { name: agencyName.get(r.agency) ?? r.agency, count: r.values })).join('; ') })
                      : t('wizard.agencyColumnsNone')}
                  </div>
                ) : preview ? (
                  <div className={preview.agency ? 'small' : 'entry-problem'} role="status">
                    {preview.agency ? t('wizard.agencyFound', { name: preview.agency.name }) : t('wizard.agencyNotFound')}
                  </div>
                ) : null}
              </Form.Item>
              <Form.Item label={t('wizard.optional')}>
                <span className="button-row">
                  <InputNumber aria-label={t('wizard.point.lastRow')} placeholder={t('wizard.lastRowAuto')} min={1} value={lastRow} onChange={(v) => setLastRow(v ?? null)} style={{ width: 150 }} />
                  <Input aria-label={t('wizard.point.period')} placeholder={t('wizard.periodCellNone')} value={periodCell ?? ''} maxLength={8} style={{ width: 130 }} onChange={(e) => setPeriodCell(e.target.value.toUpperCase().replace(/[^A-Z0-9]/gu, '') || null)} />
                </span>
                {preview?.periodText ? <div className="small" role="status">{t('wizard.periodFound', { text: preview.periodText })}</div> : null}
              </Form.Item>
              <Form.Item label={t('wizard.name')} htmlFor="wizard-name">
                <Input id="wizard-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
              </Form.Item>
              <span className="button-row">
                <Button type="primary" disabled={!ready} loading={busy === 'preview'} onClick={() => void runPreview()}>
                  {t('wizard.preview')}
                </Button>
                <Button disabled={!ready || !preview} loading={busy === 'save'} onClick={() => void save()}>
                  {t('wizard.save')}
                </Button>
              </span>
              {!ready ? <p className="muted small" style={{ marginTop: 6 }}>{t('wizard.notReady')}</p> : null}
            </Form>
          </Card>
        </div>
      ) : null}
      {savedName ? (
        <Alert
          className="block"
          type="success"
          showIcon
          title={t('wizard.savedTitle', { name: savedName })}
          description={t('wizard.savedHint')}
          action={<Button href={hrefFor('intake')}>{t('overview.goIntake')}</Button>}
        />
      ) : null}
      {preview ? (
        <Card className="block" size="small" title={t('wizard.previewTitle', { matched, unmatched, sheet: preview.sheet ?? '' })}>
          {preview.problems.length > 0 ? (
            <Alert
              type={preview.problems.some((p) => p.severity === 'error') ? 'error' : 'warning'}
              showIcon
              className="block"
              title={t('wizard.problems')}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {preview.problems.map((p, i) => (
                    <li key={i} className="wrap">
                      {p.message}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
          <Table size="small" rowKey="row" columns={previewColumns} dataSource={preview.rows} pagination={false} rowClassName={(r) => `preview-row role-${r.role}`} />
        </Card>
      ) : null}
    </div>
  );
}
