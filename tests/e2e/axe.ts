// axe's serious and critical findings on the page as it is, one line each, for a spec to
// expect none of. antd's Table (tableLayout="fixed") renders an aria-hidden "measure
// row" whose cells it makes focusable to size the columns; it is antd's internal, not
// ours, and never reached by Tab in practice: only that rule, only that row, is set aside.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export async function seriousViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  // Let antd's transitions end, so axe sees the colours the clerk sees.
  await page.waitForTimeout(300);
  let builder = new AxeBuilder({ page });
  for (const selector of exclude) builder = builder.exclude(selector);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => (v.id === 'aria-hidden-focus' ? { ...v, nodes: v.nodes.filter((n) => !n.target.join(' ').includes('.ant-table-measure-row')) } : v))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
