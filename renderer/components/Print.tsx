// "In": a clean A4 print of the view on screen. What goes on paper is the print
// stylesheet's business (print.css): the frame's navigation, buttons and filters stay
// off the page, the office's name and the period go on top. A view names itself for
// that header (usePrintTitle), and its tables drop their sticky header while printing
// (usePrinting), because antd draws a sticky header as a table of its own that
// would print once; a plain header row is repeated by the browser on every page.
import { Button } from 'antd';
import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { shell } from '../api';
import { useT } from '../i18n';

type SetTitle = (title: string | null) => void;

const PrintTitleContext = createContext<SetTitle>(() => {});

export function PrintTitleProvider({ onTitle, children }: { onTitle: SetTitle; children: ReactNode }) {
  return createElement(PrintTitleContext.Provider, { value: onTitle }, children);
}

/** The title the printed page carries for this view (the screen's name when none is set). */
export function usePrintTitle(title: string | null): void {
  const setTitle = useContext(PrintTitleContext);
  useEffect(() => {
    setTitle(title);
    return () => setTitle(null);
  }, [title, setTitle]);
}

/** True while the page is being printed (or shown as print, as the tests do). */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => window.matchMedia('print').matches);
  useEffect(() => {
    const media = window.matchMedia('print');
    const follow = () => setPrinting(media.matches);
    // The print dialog lays the page out right after beforeprint: render now, not later.
    const before = () => flushSync(() => setPrinting(true));
    media.addEventListener('change', follow);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', follow);
    return () => {
      media.removeEventListener('change', follow);
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', follow);
    };
  }, []);
  return printing;
}

export function PrintButton({ what }: { what: string }) {
  const t = useT();
  return (
    <Button className="print-button" aria-label={t('print.buttonOf', { what })} onClick={() => void shell.print()}>
      {t('print.button')}
    </Button>
  );
}
