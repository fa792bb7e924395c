// The table filter: diacritic-insensitive (matchesSearch), so "toa an" finds "Tòa án".
// The plain input, not antd's Input with its TextArea, Search, Password and OTP: this
// box is on the first screen, and those would come with it.
import Input from 'antd/es/input/Input';
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
