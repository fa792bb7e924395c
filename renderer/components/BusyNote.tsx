// An honest busy state for work that is one Api call: what is being done and, after a
// second, how long it has taken so far — never a made-up percentage. The caller keeps its
// buttons disabled meanwhile. Work that comes in parts shows antd's Progress instead
// (Forms.tsx: "Đang tạo biểu mẫu 7/21"). No spinner: antd's Spin would weigh on the first screen (Overview).
import { useEffect, useState } from 'react';
import { useT, type MessageKey } from '../i18n';

export function useElapsedSeconds(active: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250);
    return () => clearInterval(timer);
  }, [active]);
  return seconds;
}

export function BusyNote({ what, active = true }: { what: MessageKey; active?: boolean }) {
  const t = useT();
  const seconds = useElapsedSeconds(active);
  if (!active) return null;
  return (
    <div className="busy-note" role="status" aria-live="polite">
      <span>{t(what)}</span>
      {/* The seconds are for the eye; a screen reader is told once what is being done. */}
      {seconds >= 1 ? <span className="muted small" aria-hidden>{t('busy.seconds', { seconds })}</span> : null}
    </div>
  );
}
