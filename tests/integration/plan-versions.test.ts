// Two clerks editing the plan at once (issue #16), on SQLite and PostgreSQL, each through
// an app of their own on the same store: the edit made on the plan as it was loaded wins
// once; the other, made on the same version, is refused in words ("Kế hoạch vừa được
// người khác sửa; hãy tải lại"), changes nothing, and succeeds once made again on the
// plan reloaded. An edit that names no version (the command line's) still goes through.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch } from '../../electron/app/dispatch';
import type { Handlers } from '../../shared/api';
import { call, cleanupTempDirs, type TestApp } from '../helpers/app';
import { startClerk, type Clerk } from '../helpers/clerks';
import { describeEachBackend } from '../helpers/pg';

afterAll(cleanupTempDirs);

describeEachBackend('two clerks editing the plan at once', (backend) => {
  // `first` is this process's app; the two clerks who save at once run in processes of their own.
  let first: TestApp;
  let clerks: Clerk[] = [];

  beforeAll(async () => {
    first = await backend.open();
    clerks = await Promise.all([startClerk(first.file), startClerk(first.file)]);
  }, 60_000);

  afterAll(async () => {
    for (const c of clerks) c.quit();
    await first?.close();
  });

  const indicator = async (h: Handlers, code: string) => (await call(h, 'plans.get', { year: 2022 })).tasks.flatMap((t) => t.indicators).find((i) => i.code === code);

  it('takes the first edit of a version, refuses the second in words, and keeps nothing of it', async () => {
    const loaded = await call(first.h, 'plans.get', { year: 2022 });
    const version = loaded.plan.version;
    const before = await indicator(first.h, 'NV1.02');
    // Both save at the same moment, each on the plan as it loaded it.
    const [one, two] = clerks as [Clerk, Clerk];
    const [a, b] = await Promise.all([
      one.call('indicators.update', { year: 2022, code: 'NV1.01', version, changes: { name: 'Số hội nghị quán triệt (sửa lần 1)' } }),
      two.call('indicators.update', { year: 2022, code: 'NV1.02', version, changes: { name: 'Số lượt người tham dự (sửa lần 2)', unit: 'người' } }),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error.code).toBe('PLAN_CHANGED');
    expect(refused && !refused.ok && refused.error.message).toMatch(/^Kế hoạch vừa được người khác sửa; hãy tải lại\./u);

    // The winner's change is stored; nothing of the loser's, not even the part it could have written.
    const now = await call(first.h, 'plans.get', { year: 2022 });
    expect(now.plan.version).toBe(version + 1);
    const nv101 = now.tasks.flatMap((t) => t.indicators).find((i) => i.code === 'NV1.01');
    const nv102 = now.tasks.flatMap((t) => t.indicators).find((i) => i.code === 'NV1.02');
    if (a.ok) {
      expect(nv101?.name).toBe('Số hội nghị quán triệt (sửa lần 1)');
      expect(nv102).toEqual(before);
    } else {
      expect(nv102?.name).toBe('Số lượt người tham dự (sửa lần 2)');
      expect(nv101?.name).not.toContain('sửa lần 1');
    }

    // Made again on the plan reloaded, the refused edit goes through.
    const again = await (a.ok ? two : one).call('indicators.update', a.ok
      ? { year: 2022, code: 'NV1.02', version: now.plan.version, changes: { name: 'Số lượt người tham dự (sửa lần 2)', unit: 'người' } }
      : { year: 2022, code: 'NV1.01', version: now.plan.version, changes: { name: 'Số hội nghị quán triệt (sửa lần 1)' } });
    expect(again.ok).toBe(true);
    const seen = await two.call('plans.get', { year: 2022 });
    expect(seen.ok && seen.value.plan.version).toBe(version + 2);
  });

  it('refuses every kind of plan edit made on an older version, and takes one that names none', async () => {
    const { plan } = await call(first.h, 'plans.get', { year: 2022 });
    const stale = plan.version - 1;
    const task = (await call(first.h, 'plans.get', { year: 2022 })).tasks[0]!;
    const attempts = [
      dispatch(first.h, 'tasks.update', { year: 2022, code: task.code, version: stale, changes: { title: 'Tên mới' } }),
      dispatch(first.h, 'tasks.reorder', { year: 2022, version: stale, codes: [task.code] }),
      dispatch(first.h, 'tasks.retire', { year: 2022, version: stale, code: task.code, on: '2022-12-31' }),
      dispatch(first.h, 'indicators.retire', { year: 2022, version: stale, code: 'NV1.01', on: '2022-12-31' }),
      dispatch(first.h, 'indicators.reorder', { year: 2022, version: stale, taskCode: task.code, codes: task.indicators.map((i) => i.code) }),
    ];
    for (const r of await Promise.all(attempts)) expect(!r.ok && r.error.code).toBe('PLAN_CHANGED');
    expect((await call(first.h, 'plans.get', { year: 2022 })).plan.version).toBe(plan.version);
    // The command line names no version: its edit is its own fresh read, and raises the version too.
    await call(first.h, 'tasks.update', { year: 2022, code: task.code, changes: { title: `${task.title} ` } });
    expect((await call(first.h, 'plans.get', { year: 2022 })).plan.version).toBe(plan.version + 1);
  });
});
