// Nhật ký: every change the app has recorded, newest first — when, who (the clerk's
// name and the computer's account), what was done, to what, and a one-line summary of
// the detail (for an edit, the fields that changed; for a correction, what the file
// said and what the office set).
import { Card, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { AuditEntry } from '../../shared/api';
import { matchesSearch } from '../../shared/text';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { EmptyState } from '../components/EmptyState';
import { FilterInput } from '../components/FilterInput';
import { useApi } from '../hooks/useApi';
import { useT } from '../i18n';
import { actionLabel, actorOf, entityLabel, summarise } from '../lib/audit';
import { formatDateTimeVi } from '../lib/format';
import { filterRows } from '../lib/table';
import './admin/admin.css';

const ENTITIES = ['plan', 'task', 'indicator', 'period', 'agency', 'submission', 'organization', 'settings', 'layout_profile', 'database', 'consolidation'] as const;
const LIMIT = 1000;

export function AuditLogScreen() {
  const t = useT();
  const [entity, setEntity] = useState<string | undefined>(undefined);
  const [query, setQuery] = useState('');
  const log = useApi('audit.list', { limit: LIMIT, entity });
  const all = useMemo(() => log.value ?? [], [log.value]);
  const rows = useMemo(
    () =>
      filterRows(all, query, (e) => [actionLabel(t, e.action), entityLabel(t, e.entity), e.entityKey, summarise(t, e.detail, e.action), formatDateTimeVi(e.at), e.by.clerk ?? '', e.by.osUser ?? '', e.by.role ?? '']),
    [all, query, t],
  );

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 140, render: (v: string) => formatDateTimeVi(v) },
    {
      title: t('audit.by'),
      key: 'by',
      width: 160,
      render: (_, e) => {
        const who = actorOf(t, e.by);
        return (
          <div className="wrap">
            <div className={e.by.clerk ? undefined : 'muted'}>{who.clerk}</div>
            {who.osUser ? <div className="muted small">{who.osUser}</div> : null}
          </div>
        );
      },
    },
    { title: t('audit.action'), dataIndex: 'action', width: 130, render: (v: string) => <span className="wrap">{actionLabel(t, v)}</span> },
    { title: t('audit.entity'), dataIndex: 'entity', width: 110, render: (v: string) => entityLabel(t, v) },
    { title: t('audit.key'), dataIndex: 'entityKey', width: 170, render: (v: string) => <span className="wrap">{v}</span> },
    { title: t('audit.detail'), key: 'detail', render: (_, e) => <span className="wrap small audit-detail">{summarise(t, e.detail, e.action)}</span> },
  ];

  return (
    <div className="screen audit">
      <Card
        className="block"
        size="small"
        title={t('audit.title')}
        extra={
          <span className="card-extra">
            <label htmlFor="audit-entity" className="muted small">
              {t('audit.entity')}
            </label>
            <Select<string>
              id="audit-entity"
              allowClear
              placeholder={t('audit.allEntities')}
              value={entity}
              onChange={(v) => setEntity(v ?? undefined)}
              options={ENTITIES.map((e) => ({ value: e, label: entityLabel(t, e) }))}
              showSearch={{ filterOption: (input, option) => matchesSearch(String(option?.label ?? ''), input) }}
              style={{ width: 180 }}
            />
            <FilterInput value={query} onChange={setQuery} label={`${t('common.filter')}: ${t('audit.title')}`} />
          </span>
        }
      >
        <p className="card-hint">{t('audit.hint', { count: all.length })}</p>
        {log.state === 'error' && !log.value ? <ApiErrorAlert error={log.error} onRetry={log.reload} /> : null}
        {log.state === 'ok' && all.length === 0 ? (
          <EmptyState title={t('audit.none')} />
        ) : (
          <Table<AuditEntry>
            className="audit-table"
            tableLayout="fixed"
            size="small"
            rowKey="id"
            loading={log.state === 'loading' && !log.value}
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            sticky={{ offsetHeader: 64 }}
            locale={{ emptyText: t('common.noMatch', { query }) }}
          />
        )}
      </Card>
    </div>
  );
}
