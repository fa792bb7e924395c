// Where workbooks come in: dropped onto the area, or chosen with the button (an open
// dialog on the desktop, a file input in a browser). Many files at once.
import { Button } from 'antd';
import { useRef, useState, type DragEvent } from 'react';
import type { FileBytes } from '../../shared/api';
import { shell } from '../api';
import { useT } from '../i18n';

export type IncomingFile = File | FileBytes;

export const WORKBOOK_ACCEPT = '.xlsx,.xlsm,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel';

export function FileDrop({ onFiles, disabled }: { onFiles: (files: IncomingFile[]) => void; disabled?: boolean }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const choose = async () => {
    if (shell.kind === 'desktop') {
      const files = await shell.openWorkbooks();
      if (files && files.length > 0) onFiles(files);
      return;
    }
    input.current?.click();
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };

  return (
    <div
      className={over ? 'file-drop over' : 'file-drop'}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="file-drop-title">{over ? t('intake.dropActive') : t('intake.drop')}</div>
      <div className="file-drop-hint">{t('intake.dropHint')}</div>
      <Button type="primary" disabled={disabled} onClick={() => void choose()}>
        {t('intake.choose')}
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        accept={WORKBOOK_ACCEPT}
        aria-label={t('intake.fileInput')}
        className="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Cleared so choosing the same file again (after fixing it) fires again.
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
