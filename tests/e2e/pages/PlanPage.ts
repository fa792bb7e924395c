import { expect, type Locator, type Page } from '@playwright/test';
import { AdminPage } from './AdminPage';

export class PlanPage extends AdminPage {
  readonly year: Locator;

  constructor(page: Page) {
    super(page);
    this.year = page.getByLabel('Năm kế hoạch');
  }

  /** A task's card, by its code. */
  task(code: string): Locator {
    return this.page.locator(`.task-card[data-task="${code}"]`);
  }

  /** The codes of the task cards, in the order shown. */
  async taskOrder(): Promise<string[]> {
    return this.page.locator('.task-card').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset['task'] ?? ''));
  }

  indicatorRow(code: string): Locator {
    return this.page.locator(`tr[data-row-key="${code}"]`);
  }

  async expectYear(year: number): Promise<void> {
    await expect(this.page.locator('.year-select .ant-select')).toContainText(String(year));
  }
}
