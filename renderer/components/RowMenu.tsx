// A row's rarely used, destructive actions (Ngừng hoạt động, Thôi áp dụng) behind one
// "⋯" button, so they do not sit beside Sửa where a hurried click lands on them. Each
// item opens the screen's own confirmation; the menu never acts by itself.
import { Button, Dropdown } from 'antd';
import { useT } from '../i18n';

export interface RowMenuItem {
  key: string;
  label: string;
  danger?: boolean;
  onSelect: () => void;
}

/** `name` names the row ("Công an tỉnh", "NV9.01") for screen readers: "Thao tác khác: Công an tỉnh". */
export function RowMenu({ name, items }: { name: string; items: readonly RowMenuItem[] }) {
  const t = useT();
  if (items.length === 0) return null;
  const label = t('rowMenu.of', { name });
  return (
    <Dropdown
      trigger={['click']}
      autoFocus
      menu={{
        items: items.map((i) => ({ key: i.key, label: i.label, danger: i.danger })),
        onClick: ({ key }) => items.find((i) => i.key === key)?.onSelect(),
      }}
    >
      <Button size="small" className="row-menu-button" aria-label={label} title={label}>
        ⋯
      </Button>
    </Dropdown>
  );
}
