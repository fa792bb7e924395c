// Tổng hợp: the consolidation of the period — indicators, tasks, the rule checks and
// the reporting progress — and what the office sends on: the written report (a .docx
// draft), the consolidated workbook, the missing list, the reminder letters. The files are built from the same consolidation the screen shows; which
// figures count is the server's counting rule alone, so nothing here recounts.
import { Button, Card, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import type { FileBytes } from '../../shared/api';
import type { Period } from '../../shared/domain';
import type { ApiError, ApiResult } from '../../shared/errors';
import { api } from '../api';
import { BusyNote } from '../components/BusyNote';
import { useSaveFile } from '../hooks/useSaveFile';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { NoReportsYet } from '../components/EmptyState';
import { PrintButton, usePrintTitle } from '../components/Print';
import { useAgencyNames } from '../hooks/useAgencyNames';
import { useApi } from '../hooks/useApi';
import { formatDateVi } from '../../shared/numbers';
import { useT } from '../i18n';
import { tallyChecks } from '../lib/coverage';
import { useRoute } from '../state/useRoute';
import { ChecksTable } from './consolidation/Checks';
import { IndicatorsTable } from './consolidation/Indicators';
import { ReceiptsTable } from './consolidation/Receipts';
import { TasksTable } from './consolidation/Tasks';
import { owedAgencies, ReminderDialog } from './documents/ReminderDialog';
import { ReportDialog } from './documents/ReportDialog';
import { documentArgs, loadReportNumber } from './documents/reportNumber';
import './consolidation/consolidation.css';

type TabKey = 'indicators' | 'tasks' | 'checks' | 'receipts';
const TABS: readonly TabKey[] = ['indicators', 'tasks', 'checks', 'receipts'];

export function Consolidation({ period, params }: { period: Period; params: Record<string, string> }) {
  const t = useT();
  const { saveFile } = useSaveFile();
  const [, navigate] = useRoute();
  const data = useApi('consolidation.get', { period: period.code });
  const names = useAgencyNames();
  // Which reports kept their original file, so a typed-in report says so instead of offering a file that is not there.
  const submissions = useApi('submissions.list', { period: period.code });
  const originals = useMemo(() => (submissions.value ? new Map(submissions.value.map((s) => [s.id, s.hasOriginal])) : null), [submissions.value]);
  const [exporting, setExporting] = useState<'consolidated' | 'missing' | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const tab: TabKey = TABS.find((k) => k === params['tab']) ?? 'indicators';
  const [dialog, setDialog] = useState<'report' | 'reminders' | null>(null);
  // The consolidated workbook is the report's annex: it carries the number and date the report was given.
  const [reportNumber, setReportNumber] = useState(() => loadReportNumber(period.code));
  // What the printed page of a tab is called; the other tabs print under the screen's name.
  usePrintTitle(tab === 'checks' ? t('cons.checksTitle') : tab === 'receipts' ? t('overview.completeness') : null);

  const save = async (kind: 'consolidated' | 'missing', call: () => Promise<ApiResult<FileBytes>>) => {
    setExporting(kind);
    setExportError(null);
    try {
      const r = await call();
      if (!r.ok) {
        setExportError(r.error);
        return;
      }
      await saveFile(r.value);
    } finally {
      setExporting(null);
    }
  };

  const c = data.value;
  if (data.state === 'error' && !c) return <ApiErrorAlert error={data.error} onRetry={data.reload} />;
  if (!c) return <Card loading />;
  const counts = c.completeness.counts;
  const nothingYet = counts.received === 0 && counts.returned === 0;
  const quarter = period.kind === 'quarter';
  const tally = tallyChecks(c.checks);

  return (
    <div className="screen consolidation">
      <div className="toolbar">
        <span className="toolbar-lines">
          <span className="toolbar-text">
            {t('cons.completeness', {
              received: counts.received,
              expected: counts.expected,
              late: counts.late,
              returned: counts.returned,
              missing: counts.missing,
              complete: counts.complete,
              incomplete: counts.incomplete,
            })}
          </span>
          {nothingYet ? null : (
            <button type="button" className="checks-summary" onClick={() => navigate('consolidation', { tab: 'checks' })}>
              <span className={tally.open > 0 ? 'has-errors' : undefined}>{t('cons.checksSummary', { open: tally.open, accepted: tally.accepted, warnings: tally.warnings })}</span>
            </button>
          )}
          {reportNumber && (reportNumber.number || reportNumber.date) ? (
            <span className="small muted">
              {reportNumber.number
                ? t('cons.annexOf', { number: reportNumber.number, date: formatDateVi(reportNumber.date) || t('common.dash') })
                : t('cons.annexOfDate', { date: formatDateVi(reportNumber.date) })}
            </span>
          ) : null}
        </span>
        <span className="button-row">
          <Button onClick={() => setDialog('report')}>{t('report.button')}</Button>
          <Button type="primary" loading={exporting === 'consolidated'} disabled={exporting !== null} onClick={() => void save('consolidated', () => api['exports.consolidated']({ period: period.code, ...(reportNumber ? documentArgs(reportNumber) : {}) }))}>
            {t('cons.export')}
          </Button>
          <Button loading={exporting === 'missing'} disabled={exporting !== null} onClick={() => void save('missing', () => api['exports.missing']({ period: period.code }))}>
            {t('cons.exportMissing')}
          </Button>
        </span>
      </div>
      {exporting ? <BusyNote what={exporting === 'consolidated' ? 'busy.consolidated' : 'busy.missing'} /> : null}
      {exportError ? <ApiErrorAlert error={exportError} /> : null}
      {data.state === 'error' ? <ApiErrorAlert error={data.error} onRetry={data.reload} /> : null}
      {nothingYet ? (
        <NoReportsYet />
      ) : (
        <Card className="block" size="small">
          <Tabs
            activeKey={tab}
            onChange={(key) => navigate('consolidation', { tab: key === 'indicators' ? undefined : key })}
            items={[
              {
                key: 'indicators',
                label: t('cons.tabIndicators', { count: c.indicators.length }),
                children: <IndicatorsTable indicators={c.indicators} focus={params['indicator']} quarter={quarter} periodLabel={period.label} names={names} originals={originals} />,
              },
              { key: 'tasks', label: t('cons.tabTasks', { count: c.tasks.length }), children: <TasksTable tasks={c.tasks} focus={params['task']} /> },
              {
                key: 'checks',
                label: t('cons.tabChecks', { count: c.checks.length }),
                children: (
                  <ChecksTable
                    checks={c.checks}
                    names={names}
                    onOpenIndicator={(code) => navigate('consolidation', { indicator: code })}
                    actions={<PrintButton what={t('cons.checksTitle')} />}
                  />
                ),
              },
              {
                key: 'receipts',
                label: t('cons.tabReceipts', { count: c.completeness.agencies.length }),
                children: (
                  <ReceiptsTable
                    agencies={c.completeness.agencies}
                    actions={
                      <>
                        <Button disabled={owedAgencies(c.completeness.agencies).length === 0} onClick={() => setDialog('reminders')}>
                          {t('remind.button')}
                        </Button>
                        <PrintButton what={t('overview.completeness')} />
                      </>
                    }
                  />
                ),
              },
            ]}
          />
        </Card>
      )}
      <ReportDialog
        period={period}
        open={dialog === 'report'}
        onClose={() => {
          setDialog(null);
          setReportNumber(loadReportNumber(period.code));
        }}
      />
      <ReminderDialog period={period} agencies={c.completeness.agencies} open={dialog === 'reminders'} onClose={() => setDialog(null)} />
    </div>
  );
}
