// The preview: every row of the sample as an import through the profile would read it
// (the same reader), with what it matched, why, and the clerk's choices; for agencies
// down, the value columns and the indicators their headers name first. Rows marked
// "bỏ qua" stay listed, so the mark can be taken back.
import { Alert, Button, Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ProfilePreview, ProfilePreviewColumn, ProfilePreviewRow } from '../../../shared/api';
import { useT } from '../../i18n';
import { ProblemText } from '../../lib/api-message';
import { AgencyChoice, IndicatorChoice, type Choices } from './RowChoice';

function RowOutcome({ row, choices, agenciesDown }: { row: ProfilePreviewRow; choices: Choices; agenciesDown: boolean }) {
  const t = useT();
  if (row.role === 'group') return <span className="muted">{t('wizard.role.group')}</span>;
  if (row.role === 'passed') return <span className="muted">{t('wizard.role.passed')}</span>;
  if (row.role === 'end') return <span className="muted">{t('wizard.role.end')}</span>;
  if (row.role === 'skipped') {
    return (
      <span className="wrap">
        <span className="muted">{t('wizard.role.skipped')}</span>{' '}
        <Button size="small" onClick={() => choices.onSkip?.(row.skipKey, false)} aria-label={t('wizard.unskipRow', { row: row.row })}>
          {t('wizard.unskip')}
        </Button>
      </span>
    );
  }
  if (agenciesDown) return <AgencyChoice row={row} choices={choices} />;
  return <IndicatorChoice item={row} at={{ row: row.row }} choices={choices} subRow={row.skipSuggested === 'sub-row'} />;
}

export function PreviewCard({ preview, choices }: { preview: ProfilePreview; choices: Choices }) {
  const t = useT();
  const agenciesDown = preview.kind === 'agency-rows';
  const matched = preview.rows.filter((r) => r.role === 'matched').length;
  const unmatched = preview.rows.filter((r) => r.role === 'unmatched').length;
  const skipped = preview.rows.filter((r) => r.role === 'skipped').length;
  const rowColumns: ColumnsType<ProfilePreviewRow> = [
    { title: t('wizard.col.row'), dataIndex: 'row', width: 60 },
    { title: t('wizard.col.text'), dataIndex: 'text', render: (v: string) => <span className="wrap">{v}</span> },
    { title: t(agenciesDown ? 'wizard.col.figures' : 'wizard.col.value'), dataIndex: 'value', width: agenciesDown ? 160 : 100, align: 'right' },
    { title: t(agenciesDown ? 'col.agency' : 'col.indicator'), key: 'outcome', width: '42%', render: (_, row) => <RowOutcome row={row} choices={choices} agenciesDown={agenciesDown} /> },
  ];
  const headerColumns: ColumnsType<ProfilePreviewColumn> = [
    { title: t('wizard.col.column'), dataIndex: 'column', width: 60 },
    { title: t('wizard.col.header'), dataIndex: 'header', render: (v: string) => <span className="wrap">{v}</span> },
    { title: t('col.indicator'), key: 'indicator', width: '50%', render: (_, c) => <IndicatorChoice item={c} at={{ column: c.column }} choices={{ ...choices, onSkip: undefined }} subRow={false} /> },
  ];
  return (
    <Card
      className="block"
      size="small"
      title={t(agenciesDown ? 'wizard.previewTitleAgencies' : 'wizard.previewTitle', { matched, unmatched, sheet: preview.sheet ?? '' })}
      extra={skipped > 0 ? <span className="small muted">{t('wizard.skippedCount', { count: skipped })}</span> : null}
    >
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
                  <ProblemText problem={p} />
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {preview.sheets.length > 0 ? <p className="small">{t('wizard.sheetsRead', { list: preview.sheets.map((s) => `${s.name} → ${s.agency?.name ?? '?'}`).join('; ') })}</p> : null}
      {agenciesDown ? (
        <>
          <h3 className="wizard-subtitle">{t('wizard.columnsTitle')}</h3>
          <Table size="small" rowKey="column" columns={headerColumns} dataSource={preview.columns} pagination={false} rowClassName={(c) => `preview-column ${c.indicator ? 'role-matched' : 'role-unmatched'}`} className="block" />
          <h3 className="wizard-subtitle">{t('wizard.rowsTitle')}</h3>
        </>
      ) : null}
      <Table size="small" rowKey="row" columns={rowColumns} dataSource={preview.rows} pagination={false} rowClassName={(r) => `preview-row role-${r.role}`} />
    </Card>
  );
}
