// Tổng hợp: the consolidation of the period — indicators and tasks — and the two
// workbooks the office sends on (the consolidated workbook, the missing list). The
// files are built from the same consolidation the screen shows.
import { App, Button, Card, Tabs } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import type { AgencyRef, FileBytes, IndicatorConsolidation } from '../../shared/api';
import type { Period } from '../../shared/domain';
import type { ApiError, ApiResult } from '../../shared/errors';
import { api, shell } from '../api';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { NoReportsYet } from '../components/EmptyState';
import { useApi } from '../hooks/useApi';
import { useT } from '../i18n';
import { useRoute } from '../state/useRoute';
import { IndicatorsTable } from './consolidation/Indicators';
import { TasksTable } from './consolidation/Tasks';

export function Consolidation({ period, params }: { period: Period; params: Record<string, string> }) {
  const t = useT();
  const { message } = App.useApp();
  const [, navigate] = useRoute();
  const data = useApi('consolidation.get', { period: period.code });
  // Who owes each figure comes from the plan; names from the period's expected agencies.
  const plan = useApi('plans.get', { year: period.planYear });
  const reporters = useMemo(() => new Map((plan.value?.tasks ?? []).flatMap((task) => task.indicators.map((i) => [i.code, i.reporters] as const))), [plan.value]);
  const missingReporters = useCallback(
    (i: IndicatorConsolidation): AgencyRef[] => {
      const owed = new Set(reporters.get(i.code) ?? []);
      const given = new Set(i.byAgency.map((f) => f.code));
      return (data.value?.completeness.agencies ?? []).filter((a) => owed.has(a.code) && !given.has(a.code)).map((a) => ({ code: a.code, name: a.name }));
    },
    [reporters, data.value],
  );
  const [exporting, setExporting] = useState<'consolidated' | 'missing' | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const tab = params['tab'] === 'tasks' ? 'tasks' : 'indicators';

  const save = async (kind: 'consolidated' | 'missing', call: () => Promise<ApiResult<FileBytes>>) => {
    setExporting(kind);
    setExportError(null);
    try {
      const r = await call();
      if (!r.ok) {
        setExportError(r.error);
        return;
      }
      const saved = await shell.saveFile(r.value);
      if (saved.saved) void message.success(saved.path ? t('cons.exportedPath', { path: saved.path }) : t('cons.exported', { name: r.value.name }));
    } finally {
      setExporting(null);
    }
  };

  const c = data.value;
  if (data.state === 'error' && !c) return <ApiErrorAlert error={data.error} onRetry={data.reload} />;
  if (!c) return <Card loading />;
  const counts = c.completeness.counts;
  const nothingYet = counts.received === 0 && counts.returned === 0;
  const cumulative = period.kind !== 'quarter';

  return (
    <div className="screen consolidation">
      <div className="toolbar">
        <span className="toolbar-text">
          {t('cons.completeness', { received: counts.received, expected: counts.expected, late: counts.late, returned: counts.returned, missing: counts.missing })}
        </span>
        <span className="button-row">
          <Button type="primary" loading={exporting === 'consolidated'} disabled={exporting !== null} onClick={() => void save('consolidated', () => api['exports.consolidated']({ period: period.code }))}>
            {t('cons.export')}
          </Button>
          <Button loading={exporting === 'missing'} disabled={exporting !== null} onClick={() => void save('missing', () => api['exports.missing']({ period: period.code }))}>
            {t('cons.exportMissing')}
          </Button>
        </span>
      </div>
      {exportError ? <ApiErrorAlert error={exportError} /> : null}
      {data.state === 'error' ? <ApiErrorAlert error={data.error} onRetry={data.reload} /> : null}
      {nothingYet ? (
        <NoReportsYet />
      ) : (
        <Card className="block" size="small">
          <Tabs
            activeKey={tab}
            onChange={(key) => navigate('consolidation', { tab: key === 'tasks' ? 'tasks' : undefined })}
            items={[
              {
                key: 'indicators',
                label: t('cons.tabIndicators', { count: c.indicators.length }),
                children: <IndicatorsTable indicators={c.indicators} focus={params['indicator']} cumulative={cumulative} missingReporters={missingReporters} />,
              },
              { key: 'tasks', label: t('cons.tabTasks', { count: c.tasks.length }), children: <TasksTable tasks={c.tasks} focus={params['task']} /> },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
