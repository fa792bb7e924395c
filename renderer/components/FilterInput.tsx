// The table filter: diacritic-insensitive (matchesSearch), so "toa an" finds "Tòa án".
import { Input } from 'antd';
import { useT } from '../i18n';

export function FilterInput({ value, onChange, label, width = 280 }: { value: string; onChange: (v: string) => void; label?: string; width?: number }) {
  const t = useT();
  return (
    <Input
      allowClear
      type="search"
      aria-label={label ?? t('common.filter')}
      placeholder={t('common.filterPlaceholder')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onChange('');
      }}
      style={{ width, maxWidth: '100%' }}
    />
  );
}
