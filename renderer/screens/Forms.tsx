// Biểu mẫu: the report forms of the period, one workbook per agency that owes a report.
// Generated one agency at a time so the progress bar is honest; then saved into a
// folder (desktop) or downloaded as one zip (browser).
import { Button, Card, Progress, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { AgencyReceipt, FileBytes } from '../../shared/api';
import type { Period } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import { api, shell } from '../api';
import { BusyNote } from '../components/BusyNote';
import { useSaveFile } from '../hooks/useSaveFile';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { FilterInput } from '../components/FilterInput';
import { NoAgenciesToReport } from '../components/Offers';
import { ReceiptTag } from '../components/ReceiptTag';
import { useApi } from '../hooks/useApi';
import { useT } from '../i18n';
import { runPool } from '../lib/pool';
import { byText, filterRows } from '../lib/table';

type Job =
  | { phase: 'idle' }
  | { phase: 'generating'; done: number; total: number }
  | { phase: 'saving'; total: number }
  | { phase: 'failed'; error: ApiError };

class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export function zipNameFor(periodCode: string): string {
  return `BieuMau_${periodCode}.zip`;
}

export function Forms({ period }: { period: Period }) {
  const t = useT();
  const { saveFiles } = useSaveFile();
  const status = useApi('consolidation.status', { period: period.code });
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [job, setJob] = useState<Job>({ phase: 'idle' });

  const all = status.value?.agencies ?? [];
  const rows = useMemo(() => filterRows(all, query, (a) => [a.name, a.code]), [all, query]);
  const busy = job.phase === 'generating' || job.phase === 'saving';

  async function generate(codes: string[]) {
    setJob({ phase: 'generating', done: 0, total: codes.length });
    try {
      // Two at a time: the server builds workbooks on its own thread, the bar still moves per agency.
      const parts = await runPool(
        codes,
        2,
        async (code) => {
          const r = await api['forms.generate']({ period: period.code, agencies: [code] });
          if (!r.ok) throw new ApiFailure(r.error);
          return r.value;
        },
        (done, total) => setJob({ phase: 'generating', done, total }),
      );
      const files: FileBytes[] = parts.flat();
      setJob({ phase: 'saving', total: files.length });
      const zipName = zipNameFor(period.code);
      await saveFiles(files, zipName);
      setJob({ phase: 'idle' });
    } catch (err) {
      setJob({ phase: 'failed', error: err instanceof ApiFailure ? err.error : { code: 'UI', message: String(err) } });
    }
  }

  if (status.state === 'error' && !status.value) return <ApiErrorAlert error={status.error} onRetry={status.reload} />;

  const columns: ColumnsType<AgencyReceipt> = [
    { title: t('col.agency'), dataIndex: 'name', sorter: byText((a) => a.name), render: (v: string) => <span className="wrap">{v}</span> },
    { title: t('col.code'), dataIndex: 'code', width: 110, sorter: byText((a) => a.code) },
    { title: t('col.state'), dataIndex: 'state', width: 150, render: (_, a) => <ReceiptTag state={a.state} /> },
  ];

  return (
    <div className="screen forms">
      <Card className="block" size="small">
        <p className="lead">{t('forms.intro', { period: period.label })}</p>
        <p className="muted">{shell.kind === 'desktop' ? t('forms.targetDesktop') : t('forms.targetBrowser')}</p>
        <div className="button-row">
          <Button type="primary" disabled={busy || all.length === 0} loading={busy} onClick={() => void generate(all.map((a) => a.code))}>
            {t('forms.generateAll', { count: all.length })}
          </Button>
          <Button disabled={busy || selected.length === 0} onClick={() => void generate(all.filter((a) => selected.includes(a.code)).map((a) => a.code))}>
            {t('forms.generateChosen', { count: selected.length })}
          </Button>
        </div>
        {job.phase === 'generating' ? (
          <div className="progress-box" aria-live="polite">
            <Progress aria-label={t('forms.progressLabel')} percent={Math.round((job.done / Math.max(1, job.total)) * 100)} status="active" />
            <span className="progress-count">{t('forms.progress', { done: job.done, total: job.total })}</span>
          </div>
        ) : null}
        <BusyNote what={'busy.zip'} active={job.phase === 'saving'} />
        {job.phase === 'failed' ? <ApiErrorAlert error={job.error} /> : null}
      </Card>

      <Card
        className="block"
        size="small"
        title={t('forms.chooseHint')}
        extra={all.length === 0 ? null : <FilterInput value={query} onChange={setQuery} label={`${t('common.filter')}: ${t('col.agency')}`} />}
      >
        {all.length === 0 && status.state === 'ok' ? (
          <NoAgenciesToReport year={period.planYear} />
        ) : (
          <Table<AgencyReceipt>
            tableLayout="fixed"
            size="small"
            rowKey="code"
            loading={status.state === 'loading' && !status.value}
            columns={columns}
            dataSource={rows}
            pagination={false}
            sticky={{ offsetHeader: 64 }}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys.map(String)),
              getCheckboxProps: (a) => ({ 'aria-label': t('forms.select', { agency: a.name }) }) as never,
            }}
            locale={{ emptyText: t('common.noMatch', { query }) }}
          />
        )}
      </Card>
    </div>
  );
}
