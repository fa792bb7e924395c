// axe's serious and critical findings on the page as it is, one line each, for a spec to
// expect none of. antd's Table (tableLayout="fixed") renders an aria-hidden "measure
// row" whose cells it makes focusable to size the columns; it is antd's internal, not
// ours, and never reached by Tab in practice: only that rule, only that row, is set aside.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Lets the screen settle, so axe (or a screenshot) sees what the clerk sees: antd fades a
 * button from disabled once its data is in, a moment after the spinner goes. Waits until
 * no animation or CSS transition has run for half a second (at most 8 s): not a fixed
 * pause, which a busy machine outlasts or a late transition starts after.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const deadline = performance.now() + 8000;
    let quiet = 0;
    while (quiet < 4 && performance.now() < deadline) {
      const running = document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
      if (running.length > 0) {
        quiet = 0;
        await Promise.race([Promise.all(running.map((a) => a.finished.catch(() => undefined))), sleep(2000)]);
      } else {
        quiet++;
        await sleep(125);
      }
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

export async function seriousViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  await settle(page);
  let builder = new AxeBuilder({ page });
  for (const selector of exclude) builder = builder.exclude(selector);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => (v.id === 'aria-hidden-focus' ? { ...v, nodes: v.nodes.filter((n) => !n.target.join(' ').includes('.ant-table-measure-row')) } : v))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
