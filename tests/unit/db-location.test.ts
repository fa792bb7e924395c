// Where the data is (#16): --db and TONGHOP_DB take a file path, resolved in the working
// folder, or a postgres:// address, taken as it is; and a server's address is shown to a
// clerk without its password. A server's backups go to the app's folder, not the working one.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBackupDir, resolveDbPath } from '../../electron/app/bootstrap';
import { isServerLocation, redactedLocation } from '../../db/handle';

describe('the data location', () => {
  const cwd = path.resolve('/srv/tonghop');

  it('resolves a file in the working folder, from --db, else TONGHOP_DB, else data/tonghop.sqlite', () => {
    expect(resolveDbPath('du-lieu.sqlite', {}, cwd)).toBe(path.join(cwd, 'du-lieu.sqlite'));
    expect(resolveDbPath(undefined, { TONGHOP_DB: 'khac.sqlite' }, cwd)).toBe(path.join(cwd, 'khac.sqlite'));
    expect(resolveDbPath(undefined, {}, cwd)).toBe(path.join(cwd, 'data', 'tonghop.sqlite'));
  });

  it('takes a postgres:// address from --db or TONGHOP_DB as it is', () => {
    const url = 'postgres://vanthu@10.0.0.5:5432/tonghop';
    expect(resolveDbPath(url, {}, cwd)).toBe(url);
    expect(resolveDbPath(undefined, { TONGHOP_DB: url }, cwd)).toBe(url);
    expect(resolveDbPath(undefined, { TONGHOP_DB: 'postgresql://vanthu@may-chu/tonghop' }, cwd)).toBe('postgresql://vanthu@may-chu/tonghop');
    expect(isServerLocation(url)).toBe(true);
    expect(isServerLocation('POSTGRES://x@y/z')).toBe(true);
    expect(isServerLocation('postgres.sqlite')).toBe(false);
    expect(isServerLocation('D:\\postgres\\tonghop.sqlite')).toBe(false);
  });

  it('puts a server\u2019s backups in the app\u2019s folder, never the working folder; a file\u2019s beside it; TONGHOP_BACKUP_DIR over both', () => {
    const url = 'postgres://vanthu@10.0.0.5:5432/tonghop';
    const appFolder = path.resolve('/home/vanthu/.config/TongHopCCTP');
    expect(resolveBackupDir(url, appFolder, {}, cwd)).toBe(path.join(appFolder, 'backups'));
    expect(resolveBackupDir(path.join(cwd, 'du-lieu.sqlite'), appFolder, {}, cwd)).toBeUndefined();
    expect(resolveBackupDir(url, appFolder, { TONGHOP_BACKUP_DIR: 'sao-luu' }, cwd)).toBe(path.join(cwd, 'sao-luu'));
    expect(resolveBackupDir(path.join(cwd, 'du-lieu.sqlite'), appFolder, { TONGHOP_BACKUP_DIR: 'sao-luu' }, cwd)).toBe(path.join(cwd, 'sao-luu'));
  });

  it('leaves the password out of the address a clerk is shown', () => {
    expect(redactedLocation('postgres://vanthu:bi-mat@10.0.0.5:5432/tonghop')).toBe('postgres://vanthu@10.0.0.5:5432/tonghop');
    expect(redactedLocation('postgres://vanthu@10.0.0.5:5432/tonghop')).toBe('postgres://vanthu@10.0.0.5:5432/tonghop');
    expect(redactedLocation('postgres://vanthu:b%C3%AD@host/db?sslmode=require')).toBe('postgres://vanthu@host/db?sslmode=require');
  });
});
