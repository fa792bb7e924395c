// First-run seed: the Lạng Sơn 2022 plan (Kế hoạch 08-KH/BCĐ) with its agencies,
// tasks (their text verbatim), starting indicators and periods.
import type { Kysely } from 'kysely';
import seedJson from './seed/lang-son-2022.json' with { type: 'json' };
import { foldForSearch, nfc } from '../shared/text';
import { localDateTime } from '../shared/dates';
import type { Database } from './schema';

interface SeedIndicator {
  code: string;
  name: string;
  unit: string;
  kind: 'integer' | 'decimal' | 'percent' | 'text';
  aggregation: 'sum' | 'ratio' | 'max' | 'latest';
  reporters: string[];
  numerator?: string;
  denominator?: string;
  target?: number;
  targetDirection?: 'min' | 'max';
}

export interface SeedData {
  organization: { name: string; parent: string; place: string; standingOffice: string };
  plan: { year: number; number: string; issuedOn: string; title: string; basis: string };
  agencies: { code: string; name: string; group: string }[];
  tasks: {
    code: string;
    ordinal: number;
    ordinalLabel: string;
    title: string;
    content: string;
    lead: string[];
    coordinate: string[];
    indicators: SeedIndicator[];
  }[];
  periods: { code: string; label: string; kind: 'quarter' | 'half' | 'nine-months' | 'year'; from: string; to: string; due: string }[];
}

export const LANG_SON_2022 = seedJson as SeedData;

/** Loads the seed into an empty database, in one transaction. Returns false if a plan already exists. */
export async function seedDatabase(db: Kysely<Database>, seed: SeedData = LANG_SON_2022, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('plan').select('id').executeTakeFirst();
    if (existing) return false;

    const org = seed.organization;
    await trx
      .insertInto('organization')
      .values({
        id: 1,
        name: nfc(org.name),
        parent_body: nfc(org.parent).toUpperCase(),
        issuing_body: 'BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP',
        place: nfc(org.place),
        heading_style: 'party',
        standing_office_code: org.standingOffice,
      })
      .execute();

    const agencyIds = new Map<string, number>();
    for (const [index, a] of seed.agencies.entries()) {
      const name = nfc(a.name);
      const { id } = await trx
        .insertInto('agency')
        .values({ code: a.code, name, group_kind: a.group, contact_person: null, contact_phone: null, valid_from: null, valid_to: null, sort_order: index + 1, search_key: foldForSearch(name) })
        .returning('id')
        .executeTakeFirstOrThrow();
      agencyIds.set(a.code, id);
    }
    const agencyId = (code: string): number => {
      const id = agencyIds.get(code);
      if (id === undefined) throw new Error(`Seed names an unknown agency: ${code}`);
      return id;
    };

    const plan = await trx
      .insertInto('plan')
      .values({ year: seed.plan.year, number: seed.plan.number, issued_on: seed.plan.issuedOn, title: nfc(seed.plan.title), basis: nfc(seed.plan.basis), status: 'in_force' })
      .returning('id')
      .executeTakeFirstOrThrow();

    // Ratios must name their parts when inserted (a CHECK says so), so they go in last.
    const indicatorIds = new Map<string, number>();
    const pending: { taskId: number; index: number; indicator: SeedIndicator }[] = [];
    for (const [taskIndex, t] of seed.tasks.entries()) {
      const { id: taskId } = await trx
        .insertInto('task')
        .values({ plan_id: plan.id, parent_id: null, code: t.code, ordinal: t.ordinal, ordinal_label: t.ordinalLabel, title: nfc(t.title), content: nfc(t.content), sort_order: taskIndex + 1, retired_on: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const code of t.lead) await trx.insertInto('task_agency').values({ task_id: taskId, agency_id: agencyId(code), role: 'lead' }).execute();
      for (const code of t.coordinate) await trx.insertInto('task_agency').values({ task_id: taskId, agency_id: agencyId(code), role: 'coordinate' }).execute();
      t.indicators.forEach((indicator, index) => pending.push({ taskId, index, indicator }));
    }
    const ordered = [...pending.filter((p) => p.indicator.aggregation !== 'ratio'), ...pending.filter((p) => p.indicator.aggregation === 'ratio')];
    for (const { taskId, index, indicator: i } of ordered) {
      const part = (code: string | undefined): number | null => {
        if (i.aggregation !== 'ratio') return null;
        const id = indicatorIds.get(code ?? '');
        if (id === undefined) throw new Error(`Seed ratio ${i.code} names an unknown indicator: ${code}`);
        return id;
      };
      const { id } = await trx
        .insertInto('indicator')
        .values({
          plan_id: plan.id,
          task_id: taskId,
          code: i.code,
          name: nfc(i.name),
          unit: nfc(i.unit),
          kind: i.kind,
          aggregation: i.aggregation,
          numerator_id: part(i.numerator),
          denominator_id: part(i.denominator),
          target: i.target ?? null,
          target_direction: i.target === undefined ? null : (i.targetDirection ?? 'min'),
          sort_order: index + 1,
          retired_on: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      indicatorIds.set(i.code, id);
      for (const code of i.reporters) await trx.insertInto('indicator_reporter').values({ indicator_id: id, agency_id: agencyId(code) }).execute();
    }

    for (const p of seed.periods) {
      const month = Number(p.to.slice(5, 7));
      await trx
        .insertInto('period')
        .values({ plan_id: plan.id, code: p.code, label: nfc(p.label), kind: p.kind, preset: 'nd09', date_from: p.from, date_to: p.to, due_on: p.due, sort_order: month * 10 + (p.kind === 'quarter' ? 0 : 5) })
        .execute();
    }
    await trx
      .insertInto('audit_log')
      .values({ at: localDateTime(now), action: 'seed', entity: 'plan', entity_key: String(seed.plan.year), detail: JSON.stringify({ number: seed.plan.number, agencies: seed.agencies.length, tasks: seed.tasks.length }) })
      .execute();
    return true;
  });
}
