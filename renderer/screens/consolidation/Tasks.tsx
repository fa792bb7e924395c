// Per task: how many agencies report each status, and each agency's narratives
// (results, difficulties, proposals), ready to be edited into the written report. A
// report from an agency no longer assigned to the task is shown for reference, muted
// and marked as not counted; a status the office set itself says so.
import { Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import type { TaskConsolidation, TaskNarrative } from '../../../shared/api';
import { EmptyState } from '../../components/EmptyState';
import { FilterInput } from '../../components/FilterInput';
import { useRowNavigation } from '../../hooks/useRowNavigation';
import { useT } from '../../i18n';
import { byText, filterRows, keyboardSort, rowExpandIcon } from '../../lib/table';
import { CorrectionTag } from './Flags';
import { STATUS_COUNT_KEYS } from './status';

const STATUS_COLOURS = { completed: 'green', in_progress: 'blue', not_started: 'orange', not_applicable: 'default' } as const;

function Narratives({ task }: { task: TaskConsolidation }) {
  const t = useT();
  const text = (v: string) => (v ? <span className="narrative">{v}</span> : <span className="muted">{t('common.dash')}</span>);
  const columns: ColumnsType<TaskNarrative> = keyboardSort([
    {
      title: t('col.agency'),
      dataIndex: 'name',
      width: 200,
      sorter: byText((r) => r.name),
      render: (_, r) => (
        <div className="wrap">
          <div>{r.name}</div>
          <Tag className="role-tag">{r.role ? t(`role.${r.role}`) : t('role.former')}</Tag>
        </div>
      ),
    },
    {
      title: t('col.state'),
      dataIndex: 'status',
      width: 150,
      render: (_, r) => (
        <div className="tag-line">
          {r.status ? <Tag color={STATUS_COLOURS[r.status]}>{t(`taskStatus.${r.status}`)}</Tag> : <Tag color="red">{t('taskStatus.noReport')}</Tag>}
          {r.member ? null : (
            <Tooltip title={t('cons.notCountedTaskTitle')}>
              <Tag>{t('cons.notCountedTask')}</Tag>
            </Tooltip>
          )}
          {r.correction ? <CorrectionTag correction={r.correction} agency={r.name} /> : null}
        </div>
      ),
    },
    { title: t('cons.results'), dataIndex: 'results', render: text },
    { title: t('cons.difficulties'), dataIndex: 'difficulties', render: text },
    { title: t('cons.proposals'), dataIndex: 'proposals', render: text },
  ]);
  return (
    <Table<TaskNarrative>
      size="small"
      className="nested-table"
      title={() => <strong>{t('cons.narratives')}</strong>}
      rowKey="code"
      columns={columns}
      dataSource={task.reports}
      rowClassName={(r) => (r.member ? '' : 'row-not-counted')}
      pagination={false}
      locale={{ emptyText: t('cons.noNarrative') }}
    />
  );
}

export function TasksTable({ tasks, focus }: { tasks: TaskConsolidation[]; focus: string | undefined }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<string[]>(focus ? [focus] : []);
  // The filter finds a task by its title or by any agency's name or words in its narratives.
  const rows = useMemo(() => filterRows(tasks, query, (x) => [x.title, ...x.reports.flatMap((r) => [r.name, r.results, r.difficulties, r.proposals])]), [tasks, query]);
  const toggle = (x: TaskConsolidation) => setExpanded((keys) => (keys.includes(x.code) ? keys.filter((k) => k !== x.code) : [...keys, x.code]));
  const rowProps = useRowNavigation(rows, (x) => x.code, toggle, (x) => x.title);

  useEffect(() => {
    if (!focus) return;
    const row = document.querySelector<HTMLElement>(`tr[data-row-key="${CSS.escape(focus)}"]`);
    row?.scrollIntoView({ block: 'start' });
    row?.focus({ preventScroll: true });
  }, [focus]);

  const columns: ColumnsType<TaskConsolidation> = [
    {
      title: t('col.task'),
      dataIndex: 'title',
      render: (_, x) => (
        <span className="wrap">
          <span className="ordinal">{x.ordinal}.</span> {x.title}
        </span>
      ),
    },
    ...STATUS_COUNT_KEYS.map(({ key, label, colour }) => ({
      title: <span className="count-head">{t(label)}</span>,
      key,
      width: 92,
      align: 'center' as const,
      render: (_: unknown, x: TaskConsolidation) => (x.statusCounts[key] > 0 ? <span className="count" style={{ color: colour }}>{x.statusCounts[key]}</span> : <span className="count-zero">0</span>),
    })),
  ];
  if (tasks.length === 0) return <EmptyState title={t('common.emptyPeriod')} />;
  return (
    <>
      <div className="table-bar">
        <FilterInput value={query} onChange={setQuery} label={`${t('common.filter')}: ${t('col.task')}`} />
        <span className="muted">{t('common.rows', { shown: rows.length, total: tasks.length })}</span>
      </div>
      <Table<TaskConsolidation>
        tableLayout="fixed"
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={rows}
        pagination={false}
        sticky={{ offsetHeader: 64 }}
        onRow={rowProps}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
          expandedRowRender: (x) => <Narratives task={x} />,
          expandIcon: rowExpandIcon(t, (x: TaskConsolidation) => `${x.code} ${x.title}`),
        }}
        locale={{ emptyText: t('common.noMatch', { query }) }}
      />
    </>
  );
}
