import { Empty } from 'antd';
import type { ReactNode } from 'react';

/** A clear "nothing here yet" with what to do next, instead of an empty table. */
export function EmptyState({ title, hint, children }: { title: string; hint?: string; children?: ReactNode }) {
  return (
    <Empty
      className="empty-state"
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div role="status">
          <div className="empty-title">{title}</div>
          {hint ? <div className="empty-hint">{hint}</div> : null}
        </div>
      }
    >
      {children}
    </Empty>
  );
}
