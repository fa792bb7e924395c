// The layout profile as a form beside the sheet: the table's shape first, then what was
// pointed at (each also typed in), how rows find their indicator, who sent the figures,
// the optional last row and period cell, and the profile's name. What the preview
// found is said under each part.
import { Button, Card, Form, Input, InputNumber, Radio, Segmented, Select } from 'antd';
import type { ProfilePreview } from '../../../shared/api';
import type { Agency } from '../../../shared/domain';
import { matchesSearch } from '../../../shared/text';
import { useT } from '../../i18n';
import { columnList, SHAPES, stepsOf, type AgencyMode, type Draft, type Shape } from './draft';

const letters = (text: string) => text.toUpperCase().replace(/[^A-Z]/gu, '') || null;
const address = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/gu, '') || null;

interface Props {
  draft: Draft;
  update: (change: Partial<Draft>) => void;
  preview: ProfilePreview | null;
  agencies: readonly Agency[];
  busy: 'inspect' | 'preview' | 'save' | null;
  ready: boolean;
  onPreview: () => void;
  onSave: () => void;
}

export function LayoutForm({ draft, update, preview, agencies, busy, ready, onPreview, onSave }: Props) {
  const t = useT();
  const agencyName = new Map(agencies.map((a) => [a.code, a.name]));
  const setShape = (shape: Shape) => {
    // Agencies down match headers by name or code; one sheet per agency never has a fixed agency.
    const agencyMode: AgencyMode = shape === 'agencySheets' ? (draft.agencyMode === 'fixed' ? 'sheet' : draft.agencyMode) : draft.agencyMode === 'sheet' ? 'cell' : draft.agencyMode;
    const steps = stepsOf(shape, agencyMode);
    update({ shape, agencyMode, matchBy: shape === 'agencyRows' && draft.matchBy === 'label' ? 'name' : draft.matchBy, confirmed: {}, skip: [], pointing: steps.includes(draft.pointing) ? draft.pointing : 'headerFirst' });
  };
  const byOptions = draft.shape === 'agencyRows' ? (['name', 'code'] as const) : (['name', 'code', 'label'] as const);
  const oneAgency = draft.shape === 'indicators' || draft.shape === 'agencySheets';
  return (
    <Card size="small" title={t('wizard.formTitle')} className="wizard-form">
      <Form layout="vertical" size="small" component="div">
        <Form.Item label={t('wizard.shape')}>
          <Radio.Group size="small" value={draft.shape} onChange={(e) => setShape(e.target.value as Shape)} aria-label={t('wizard.shape')} className="wizard-shapes">
            {SHAPES.map((s) => (
              <Radio key={s} value={s}>
                {t(`wizard.shape.${s}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('wizard.headerRows')} htmlFor="wizard-first">
          <span className="button-row">
            <InputNumber id="wizard-first" aria-label={t('wizard.point.headerFirst')} min={1} value={draft.first} onChange={(v) => update({ first: v ?? null })} style={{ width: 90 }} />
            <span>–</span>
            <InputNumber aria-label={t('wizard.point.headerLast')} min={1} value={draft.last} onChange={(v) => update({ last: v ?? null })} style={{ width: 90 }} />
          </span>
        </Form.Item>
        <Form.Item label={t(draft.shape === 'agencyRows' ? 'wizard.agencyColumnMatch' : 'wizard.keyColumn')} htmlFor="wizard-key">
          <span className="button-row">
            <Input
              id="wizard-key"
              aria-label={t(draft.shape === 'agencyRows' ? 'wizard.point.agencyColumn' : 'wizard.point.key')}
              value={draft.keyCol ?? ''}
              maxLength={3}
              style={{ width: 64 }}
              onChange={(e) => update({ keyCol: letters(e.target.value) })}
            />
            <Segmented
              size="small"
              aria-label={t(draft.shape === 'agencyRows' ? 'wizard.matchHeadersBy' : 'wizard.matchBy')}
              value={draft.matchBy}
              onChange={(v) => update({ matchBy: v, confirmed: {} })}
              options={byOptions.map((v) => ({ value: v, label: t(`wizard.by.${v}`) }))}
            />
          </span>
        </Form.Item>
        {draft.shape === 'agencyRows' ? (
          <Form.Item label={t('wizard.valueColumn')}>
            <span className="muted small">{t('wizard.valueByHeaders')}</span>
          </Form.Item>
        ) : draft.shape === 'agencyColumns' ? (
          <Form.Item label={t('wizard.valueColumn')}>
            <span className="muted small">{t('wizard.valueNotNeeded')}</span>
          </Form.Item>
        ) : (
          <Form.Item label={t('wizard.valueColumn')} htmlFor="wizard-value">
            <Radio.Group size="small" value={draft.valueBy} onChange={(e) => update({ valueBy: e.target.value as 'header' | 'column' })} aria-label={t('wizard.valueColumn')}>
              <Radio value="header">{t('wizard.valueByHeader')}</Radio>
              <Radio value="column">{t('wizard.valueByColumn')}</Radio>
            </Radio.Group>
            {draft.valueBy === 'header' ? (
              <Input id="wizard-value" aria-label={t('wizard.valueByHeader')} value={draft.valueHeader} onChange={(e) => update({ valueHeader: e.target.value })} style={{ marginTop: 4 }} />
            ) : (
              <Input id="wizard-value" aria-label={t('wizard.valueByColumn')} value={draft.valueCol ?? ''} maxLength={3} style={{ width: 64, marginTop: 4 }} onChange={(e) => update({ valueCol: letters(e.target.value) })} />
            )}
          </Form.Item>
        )}
        <Form.Item label={t('wizard.agency')}>
          {oneAgency ? (
            <Radio.Group size="small" value={draft.agencyMode} onChange={(e) => update({ agencyMode: e.target.value as AgencyMode })} aria-label={t('wizard.agency')}>
              <Radio value="cell">{t(draft.shape === 'agencySheets' ? 'wizard.agencyCellEach' : 'wizard.agencyCell')}</Radio>
              {draft.shape === 'agencySheets' ? <Radio value="sheet">{t('wizard.agencySheet')}</Radio> : <Radio value="fixed">{t('wizard.agencyFixed')}</Radio>}
            </Radio.Group>
          ) : null}
          {draft.shape === 'agencyColumns' ? (
            <Input aria-label={t('wizard.point.agencyColumns')} value={draft.agencyColumns.join(', ')} placeholder="D, E, F" style={{ width: 160 }} onChange={(e) => update({ agencyColumns: columnList(e.target.value) })} />
          ) : draft.shape === 'agencyRows' ? (
            <span className="muted small">{t('wizard.agencyByRow')}</span>
          ) : draft.agencyMode === 'cell' ? (
            <Input aria-label={t('wizard.agencyCell')} value={draft.agencyCell ?? ''} maxLength={8} style={{ width: 90, marginTop: 4 }} onChange={(e) => update({ agencyCell: address(e.target.value) })} />
          ) : draft.agencyMode === 'fixed' ? (
            <Select
              aria-label={t('wizard.agencyFixed')}
              style={{ width: '100%', marginTop: 4 }}
              value={draft.agencyCode}
              onChange={(v: string) => update({ agencyCode: v })}
              showSearch={{ filterOption: (q, option) => matchesSearch(String(option?.label ?? ''), q) }}
              options={agencies.map((a) => ({ value: a.code, label: a.name }))}
            />
          ) : null}
          {preview ? <AgencyFound draft={draft} preview={preview} agencyName={agencyName} /> : null}
        </Form.Item>
        <Form.Item label={t('wizard.optional')}>
          <span className="button-row">
            <InputNumber aria-label={t('wizard.point.lastRow')} placeholder={t('wizard.lastRowAuto')} min={1} value={draft.lastRow} onChange={(v) => update({ lastRow: v ?? null })} style={{ width: 150 }} />
            <Input aria-label={t('wizard.point.period')} placeholder={t('wizard.periodCellNone')} value={draft.periodCell ?? ''} maxLength={8} style={{ width: 130 }} onChange={(e) => update({ periodCell: address(e.target.value) })} />
          </span>
          {preview?.periodText ? <div className="small" role="status">{t('wizard.periodFound', { text: preview.periodText })}</div> : null}
        </Form.Item>
        <Form.Item label={t('wizard.name')} htmlFor="wizard-name">
          <Input id="wizard-name" value={draft.name} maxLength={100} onChange={(e) => update({ name: e.target.value })} />
        </Form.Item>
        <span className="button-row">
          <Button type="primary" disabled={!ready} loading={busy === 'preview'} onClick={onPreview}>
            {t('wizard.preview')}
          </Button>
          <Button disabled={!ready || !preview} loading={busy === 'save'} onClick={onSave}>
            {t('wizard.save')}
          </Button>
        </span>
        {!ready ? <p className="muted small" style={{ marginTop: 6 }}>{t(`wizard.notReady.${draft.shape}`)}</p> : null}
      </Form>
    </Card>
  );
}

/** Which agencies the preview found: per column, per row, per sheet, or the one the file names. */
function AgencyFound({ draft, preview, agencyName }: { draft: Draft; preview: ProfilePreview; agencyName: ReadonlyMap<string, string> }) {
  const t = useT();
  if (draft.shape === 'indicators') {
    return (
      <div className={preview.agency ? 'small' : 'entry-problem'} role="status">
        {preview.agency ? t('wizard.agencyFound', { name: preview.agency.name }) : t('wizard.agencyNotFound')}
      </div>
    );
  }
  // What the table holds as read; an error that stops the import is said in the preview.
  const found = preview.read.map((r) => t('wizard.figures', { name: agencyName.get(r.agency) ?? r.agency, count: r.values }));
  const key = draft.shape === 'agencyColumns' ? 'wizard.agencyColumnsFound' : draft.shape === 'agencyRows' ? 'wizard.agencyRowsFound' : 'wizard.agencySheetsFound';
  const none = draft.shape === 'agencyColumns' ? 'wizard.agencyColumnsNone' : draft.shape === 'agencyRows' ? 'wizard.agencyRowsNone' : 'wizard.agencySheetsNone';
  return (
    <div className={found.length > 0 ? 'small' : 'entry-problem'} role="status">
      {found.length > 0 ? t(key, { list: found.join('; ') }) : t(none)}
    </div>
  );
}
