// Remembers the window's size and position between runs, and never restores it off
// every screen (a laptop unplugged from its second monitor).
import fs from 'node:fs';
import type { BrowserWindow, Rectangle } from 'electron';

interface WindowState {
  bounds: Partial<Rectangle> & { width: number; height: number };
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { width: 1366, height: 768 }, maximized: false };

/** `workAreas`: the displays' work areas (main.ts asks Electron's screen module). */
export function loadWindowState(file: string, workAreas: readonly Rectangle[]): WindowState {
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as WindowState;
    const b = saved.bounds;
    if (typeof b?.width !== 'number' || typeof b.height !== 'number') return DEFAULT;
    if (typeof b.x === 'number' && typeof b.y === 'number') {
      const visible = workAreas.some((a) => {
        return (b.x ?? 0) < a.x + a.width && (b.x ?? 0) + b.width > a.x && (b.y ?? 0) < a.y + a.height && (b.y ?? 0) + b.height > a.y;
      });
      if (!visible) return { bounds: { width: b.width, height: b.height }, maximized: Boolean(saved.maximized) };
    }
    return { bounds: b, maximized: Boolean(saved.maximized) };
  } catch {
    return DEFAULT;
  }
}

export function trackWindowState(win: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (win.isDestroyed()) return;
      const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
      fs.writeFileSync(file, JSON.stringify(state));
    }, 500);
  };
  win.on('resize', save);
  win.on('move', save);
  win.on('close', () => {
    clearTimeout(timer);
    fs.writeFileSync(file, JSON.stringify({ bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
  });
}
