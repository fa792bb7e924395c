// The i18n layer: English has every Vietnamese key (and no other), the same
// placeholders, no empty text; Vietnamese is NFC; the domain labels agree with shared/;
// and every key is used somewhere in the renderer.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLE_LABELS, SUBMISSION_STATUS_LABELS, TASK_STATUS_LABELS } from '../../shared/domain';
import { en } from '../../renderer/i18n/en';
import { placeholders, translate } from '../../renderer/i18n/index';
import { vi, type MessageKey } from '../../renderer/i18n/vi';

const keys = Object.keys(vi) as MessageKey[];

function rendererSources(dir: string): string {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'i18n' ? [] : [rendererSources(full)];
      return /\.tsx?$/u.test(e.name) ? [fs.readFileSync(full, 'utf8')] : [];
    })
    .join('\n');
}

describe('i18n', () => {
  it('has every key in vi and en, and nothing else', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of keys) expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
  });

  it('has no empty text, and Vietnamese is NFC', () => {
    for (const key of keys) {
      expect(vi[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(vi[key], key).toBe(vi[key].normalize('NFC'));
    }
  });

  it('agrees with the domain labels of shared/domain.ts', () => {
    for (const [status, label] of Object.entries(TASK_STATUS_LABELS)) expect(vi[`taskStatus.${status}` as MessageKey]).toBe(label);
    for (const [status, label] of Object.entries(SUBMISSION_STATUS_LABELS)) expect(vi[`submissionStatus.${status}` as MessageKey]).toBe(label);
    for (const [role, label] of Object.entries(ROLE_LABELS)) expect(vi[`role.${role}` as MessageKey]).toBe(label);
  });

  it('uses every key (literally, or through a template such as `receipt.${state}`)', () => {
    const source = rendererSources(path.resolve(__dirname, '../../renderer'));
    const unused = keys.filter((key) => {
      if (source.includes(`'${key}'`)) return false;
      const prefix = key.slice(0, key.lastIndexOf('.') + 1);
      return !source.includes(`\`${prefix}\${`);
    });
    expect(unused).toEqual([]);
  });

  it('fills placeholders, numbers the Vietnamese way', () => {
    expect(translate('vi', 'overview.receivedOf', { received: 2, expected: 21 })).toBe('2/21');
    expect(translate('vi', 'saved.manyDownload', { count: 1234, name: 'BieuMau_2022-Q1.zip' })).toBe('Trình duyệt đã tải tệp nén BieuMau_2022-Q1.zip (gồm 1.234 tệp) về thư mục Tải xuống.');
    expect(translate('en', 'intake.commit', { count: 2 })).toBe('Receive the valid files (2)');
    // A missing parameter stays visible rather than vanishing.
    expect(translate('vi', 'intake.commit')).toBe('Nhận các tệp hợp lệ ({count})');
  });

  it('puts an English count\'s word in its form for the number ("1 error", "2 errors"); Vietnamese has one form', () => {
    expect(translate('en', 'intake.errors', { count: 1 })).toBe('1 error');
    expect(translate('en', 'intake.errors', { count: 2 })).toBe('2 errors');
    expect(translate('en', 'intake.errors', { count: 0 })).toBe('0 errors');
    expect(translate('en', 'saved.manyDownload', { count: 1, name: 'a.zip' })).toBe('The browser downloaded the zip file a.zip (1 file) to its Downloads folder.');
    expect(translate('en', 'saved.manyDownload', { count: 1234, name: 'a.zip' })).toBe('The browser downloaded the zip file a.zip (1.234 files) to its Downloads folder.');
    expect(translate('en', 'cons.checksSummary', { open: 1, accepted: 0, warnings: 3 })).toBe('Data checks: 1 error · 0 accepted errors · 3 warnings');
    expect(translate('vi', 'intake.errors', { count: 1 })).toBe('1 lỗi');
    // No English text counts with a bare "{count} errors" any more: each noun after a count has its two forms.
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toMatch(/\{\w+\} (errors|warnings|changes|agencies|forms|reports|indicators|tasks|rows|figures|cells)\b/u);
  });
});
