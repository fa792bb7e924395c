// Biểu đồ: the year's reporting discipline (on time, late, returned, missing per
// period), the tasks' statuses this period, and one indicator across the year's periods
// and by agency. Each chart can be saved as a PNG for a slide or a report. Only counted
// figures are drawn (the counting rule's, as in Tổng hợp), and each period's bar says
// how many agencies it covers, so two bars over different agencies are not read alike.
import { Button, Card, Select } from 'antd';
import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Title, Tooltip, type ChartData, type ChartOptions, type Plugin } from 'chart.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import type { Completeness, Consolidation } from '../../shared/api';
import type { Period } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import { formatNumber } from '../../shared/numbers';
import { matchesSearch } from '../../shared/text';
import { api } from '../api';
import { useSaveFile } from '../hooks/useSaveFile';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { useApi } from '../hooks/useApi';
import { useT } from '../i18n';
import { wrapLabel } from '../lib/chart-labels';
import { coverageLabel } from '../lib/coverage';
import './entry/entry.css';

ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, Title);

/** A PNG of a chart has a white page behind it, not a transparent one. */
const whiteBackground: Plugin<'bar'> = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

const COLOURS = {
  onTime: '#389e0d',
  late: '#d48806',
  returned: '#cf1322',
  missing: '#bfbfbf',
  completed: '#389e0d',
  inProgress: '#1677ff',
  notStarted: '#d48806',
  notApplicable: '#8c8c8c',
  noReport: '#d9d9d9',
  value: '#1f4e79',
};

const FONT = { family: '"Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif' };
ChartJS.defaults.font.family = FONT.family;

/** `fullLabel` gives the tooltip the whole label when the axis shows it wrapped. */
function stackedOptions(horizontal = false, fullLabel?: (index: number) => string): ChartOptions<'bar'> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: horizontal ? 'y' : 'x',
    plugins: {
      legend: { position: 'bottom' },
      tooltip: {
        callbacks: {
          ...(fullLabel ? { title: (items) => (items[0] ? fullLabel(items[0].dataIndex) : '') } : {}),
          label: (c) => `${c.dataset.label ?? ''}: ${formatNumber(Number(c.raw))}`,
        },
      },
    },
    // A category axis keeps its own tick callback (index → label): only the value axis gets ticks.
    // Wrapped labels are never skipped: every task keeps its name beside its bar.
    scales: horizontal ? { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true, ticks: { autoSkip: false } } } : { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } },
  };
}

function base64Bytes(dataUrl: string): Uint8Array {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A file name without marks or spaces: "BieuDo_TienDo_2022.png". */
function safeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .replace(/[^A-Za-z0-9.-]+/gu, '_');
}

function ChartCard({ title, hint, fileName, data, options, tall, extra, empty }: { title: string; hint?: string; fileName: string; data: ChartData<'bar'>; options: ChartOptions<'bar'>; tall?: boolean; extra?: React.ReactNode; empty?: string | null }) {
  const t = useT();
  const { saveFile } = useSaveFile();
  const ref = useRef<ChartJS<'bar'> | null>(null);
  const savePng = async () => {
    const chart = ref.current;
    if (!chart) return;
    const name = `BieuDo_${safeName(fileName)}.png`;
    await saveFile({ name, bytes: base64Bytes(chart.toBase64Image('image/png', 1)) });
  };
  return (
    <Card
      size="small"
      title={title}
      extra={
        <span className="card-extra">
          {extra}
          <Button size="small" onClick={() => void savePng()} disabled={!!empty} aria-label={t('charts.savePngOf', { chart: title })}>
            {t('charts.savePng')}
          </Button>
        </span>
      }
    >
      {hint ? <p className="card-hint">{hint}</p> : null}
      <div className={tall ? 'chart-box tall' : 'chart-box'}>
        {empty ? (
          <p className="muted" role="status">
            {empty}
          </p>
        ) : (
          <Bar ref={ref} data={data} options={options} plugins={[whiteBackground]} role="img" aria-label={title} />
        )}
      </div>
    </Card>
  );
}

/** The width, in characters, a task's name wraps to beside its bar. */
const TASK_LABEL_WIDTH = 34;

/** Short agency names for an axis. */
function short(text: string, max = 38): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function Charts({ period }: { period: Period }) {
  const t = useT();
  const periods = useApi('periods.list', { year: period.planYear });
  const current = useApi('consolidation.get', { period: period.code });
  const [statuses, setStatuses] = useState<Completeness[] | null>(null);
  const [yearly, setYearly] = useState<Consolidation[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [indicatorCode, setIndicatorCode] = useState<string | undefined>();

  // The year's periods, each with its completeness and consolidation, in order.
  useEffect(() => {
    const list = periods.value;
    if (!list) return;
    let live = true;
    void (async () => {
      const s: Completeness[] = [];
      const c: Consolidation[] = [];
      for (const p of list) {
        const [rs, rc] = await Promise.all([api['consolidation.status']({ period: p.code }), api['consolidation.get']({ period: p.code })]);
        if (!rs.ok || !rc.ok) {
          if (live) setError(!rs.ok ? rs.error : !rc.ok ? rc.error : null);
          return;
        }
        s.push(rs.value);
        c.push(rc.value);
      }
      if (live) {
        setStatuses(s);
        setYearly(c);
      }
    })();
    return () => {
      live = false;
    };
  }, [periods.value]);

  const numeric = useMemo(() => (current.value?.indicators ?? []).filter((i) => i.kind !== 'text'), [current.value]);
  const chosen = numeric.find((i) => i.code === indicatorCode) ?? numeric.find((i) => i.byAgency.some((a) => a.state === 'counted')) ?? numeric[0];

  if (periods.state === 'error' && !periods.value) return <ApiErrorAlert error={periods.error} onRetry={periods.reload} />;
  if (current.state === 'error' && !current.value) return <ApiErrorAlert error={current.error} onRetry={current.reload} />;

  const year = String(period.planYear);
  const completenessData: ChartData<'bar'> = {
    labels: (statuses ?? []).map((s) => s.period.label),
    datasets: [
      { label: t('receipt.on_time'), data: (statuses ?? []).map((s) => s.counts.onTime), backgroundColor: COLOURS.onTime },
      { label: t('receipt.late'), data: (statuses ?? []).map((s) => s.counts.late), backgroundColor: COLOURS.late },
      { label: t('receipt.returned'), data: (statuses ?? []).map((s) => s.counts.returned), backgroundColor: COLOURS.returned },
      { label: t('receipt.missing'), data: (statuses ?? []).map((s) => s.counts.missing), backgroundColor: COLOURS.missing },
    ],
  };
  const tasks = current.value?.tasks ?? [];
  const taskData: ChartData<'bar'> = {
    labels: tasks.map((task) => wrapLabel(`${task.code}. ${task.title}`, TASK_LABEL_WIDTH)),
    datasets: (
      [
        ['completed', 'taskStatus.completed'],
        ['inProgress', 'taskStatus.in_progress'],
        ['notStarted', 'taskStatus.not_started'],
        ['notApplicable', 'taskStatus.not_applicable'],
        ['noReport', 'taskStatus.noReport'],
      ] as const
    ).map(([key, label]) => ({ label: t(label), data: tasks.map((task) => task.statusCounts[key]), backgroundColor: COLOURS[key] })),
  };
  const unit = chosen ? (chosen.kind === 'percent' ? '%' : chosen.unit) : '';
  const valueOptions = (horizontal: boolean, extra?: (index: number) => string): ChartOptions<'bar'> => ({
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: horizontal ? 'y' : 'x',
    plugins: {
      legend: { display: false },
      tooltip: { callbacks: { label: (c) => `${formatNumber(Number(c.raw))} ${unit}${extra ? ` · ${extra(c.dataIndex)}` : ''}` } },
    },
    scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, title: { display: true, text: unit } } },
  });
  // Each period with the chosen indicator's figure and coverage; the coverage is on the axis under the period's name.
  const across = (yearly ?? []).map((c) => ({ period: c.period, figure: c.indicators.find((i) => i.code === chosen?.code) ?? null }));
  const acrossCoverage = (n: number) => {
    const f = across[n]?.figure;
    return f ? coverageLabel(t, f.coverage) : t('common.dash');
  };
  const acrossData: ChartData<'bar'> = {
    labels: across.map((a, n) => [a.period.label, `(${acrossCoverage(n)})`]),
    datasets: [{ label: chosen?.name ?? '', data: across.map((a) => a.figure?.value ?? null) as number[], backgroundColor: COLOURS.value }],
  };
  const reported = (chosen?.byAgency ?? []).filter((a) => a.state === 'counted' && a.value !== null);
  const byAgencyData: ChartData<'bar'> = {
    labels: reported.map((a) => short(a.name, 30)),
    datasets: [{ label: chosen?.name ?? '', data: reported.map((a) => a.value ?? 0), backgroundColor: COLOURS.value }],
  };
  const indicatorSelect = (
    <Select
      aria-label={t('charts.chooseIndicator')}
      size="small"
      style={{ width: 340 }}
      value={chosen?.code}
      onChange={(v: string) => setIndicatorCode(v)}
      popupMatchSelectWidth={false}
      showSearch={{ filterOption: (input, option) => matchesSearch(String(option?.label ?? ''), input) }}
      options={numeric.map((i) => ({ value: i.code, label: `${i.code} – ${i.name}` }))}
    />
  );
  const noData = t('charts.noData');
  return (
    <div className="screen charts">
      {error ? <ApiErrorAlert error={error} /> : null}
      <div className="toolbar block">
        <span className="toolbar-text">{t('charts.indicatorLabel')}</span>
        {indicatorSelect}
      </div>
      <div className="charts-grid block">
        <ChartCard
          title={t('charts.completeness', { year })}
          fileName={`TienDo_${year}`}
          data={completenessData}
          options={stackedOptions()}
          empty={statuses === null ? t('common.loading') : null}
        />
        <ChartCard
          title={t('charts.tasks', { period: period.label })}
          fileName={`NhiemVu_${period.code}`}
          data={taskData}
          options={stackedOptions(true, (n) => (tasks[n] ? `${tasks[n].code}. ${tasks[n].title}` : ''))}
          tall
          empty={current.value === null ? t('common.loading') : tasks.length === 0 ? noData : null}
        />
        <ChartCard
          title={t('charts.across', { indicator: chosen?.code ?? '', year })}
          hint={chosen ? `${chosen.name} (${unit})` : undefined}
          fileName={`${chosen?.code ?? 'ChiTieu'}_${year}`}
          data={acrossData}
          options={valueOptions(false, acrossCoverage)}
          empty={yearly === null ? t('common.loading') : !chosen ? noData : null}
        />
        <ChartCard
          title={t('charts.byAgency', { indicator: chosen?.code ?? '', period: period.label })}
          hint={chosen ? `${chosen.name} (${unit}). ${t('charts.countedOnly', { reported: chosen.coverage.reported, expected: chosen.coverage.expected })}` : undefined}
          fileName={`${chosen?.code ?? 'ChiTieu'}_${period.code}_TheoDonVi`}
          data={byAgencyData}
          options={valueOptions(true)}
          empty={current.value === null ? t('common.loading') : reported.length === 0 ? noData : null}
        />
      </div>
    </div>
  );
}
