// Packaging (`npm run dist`): the electron-builder configuration is valid for the
// installed electron-builder, builds what the issue asks for (Windows per-user NSIS and
// portable, Linux AppImage, ASCII file names, fuses, the native addon outside app.asar,
// the parse worker unpacked), the icons are real images of the right sizes, and the
// afterPack checks tell an Electron-ABI addon from a Node one. No Electron binary, no
// network, no bundling: this reads files only.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNativeBinding, nativeBindingCandidates } from '../../electron/native-binding';
import { unpackedUrl } from '../../electron/excel/parse';
import type * as Fuses from '@electron/fuses';
import type * as FuseConstants from '@electron/fuses/dist/constants';

const ROOT = path.resolve(import.meta.dirname, '../..');
const load = createRequire(import.meta.url);

interface TargetEntry {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  executableName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources: { from: string; to: string }[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  afterPack: string;
  win: { target: TargetEntry[]; icon: string };
  nsis: Record<string, unknown> & { artifactName: string };
  portable: { artifactName: string; requestExecutionLevel: string };
  linux: { target: TargetEntry[]; icon: string; executableName: string };
  appImage: { artifactName: string };
}
interface AfterPack {
  nativeAddonProblems(bytes: Buffer, target: { platform: string; arch: string; abi: string | null }): string[];
  externalPackages(source: string): string[];
}

const config = load(path.join(ROOT, 'build/electron-builder.config.cjs')) as BuilderConfig;
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; main: string };
const hook = load(path.join(ROOT, 'build/after-pack.cjs')) as AfterPack;

const LIB = path.dirname(load.resolve('app-builder-lib/package.json'));
const SCHEMA = JSON.parse(fs.readFileSync(path.join(LIB, 'scheme.json'), 'utf8')) as { definitions: Record<string, { properties: Record<string, unknown> }> };

interface Validator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string; params: Record<string, unknown> }[] | null;
}
let compiled: Validator | undefined;

/**
 * The installed electron-builder's JSON schema (app-builder-lib/scheme.json), checked with
 * its own ajv, as `electron-builder` does before building. Without inlined references the
 * schema compiles in about a second instead of five.
 */
function schemaErrors(value: unknown): string[] {
  if (!compiled) {
    const Ajv = (load(load.resolve('ajv', { paths: [LIB] })) as { default: new (options: object) => { compile(schema: unknown): Validator } }).default;
    compiled = new Ajv({ strict: false, allErrors: true, inlineRefs: false }).compile(SCHEMA);
  }
  if (compiled(structuredClone(value))) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** What electron-builder makes of an artifactName for this version. */
function artifact(pattern: string, ext: string): string {
  return pattern.replaceAll('${version}', manifest.version).replaceAll('${ext}', ext);
}

describe('electron-builder configuration', () => {
  it('passes the schema of the installed electron-builder', () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  it('a misspelt option would not pass that schema (the check is real)', () => {
    expect(schemaErrors({ ...config, nsis: { ...config.nsis, perMachin: false } }).join()).toMatch(/\/nsis .*"additionalProperty":"perMachin"/);
    expect(schemaErrors({ ...config, electronFuses: { ...config.electronFuses, runAsNodes: false } }).join()).toMatch(/"additionalProperty":"runAsNodes"/);
    expect(schemaErrors({ ...config, nsiss: {} }).join()).toMatch(/"additionalProperty":"nsiss"/);
  });

  it('builds a Windows NSIS installer and a portable exe, and a Linux AppImage, for x64', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.linux.target).toEqual([{ target: 'AppImage', arch: ['x64'] }]);
  });

  it('names the product in Vietnamese and every file in ASCII', () => {
    expect(config.appId).toBe('vn.langson.tonghopcctp');
    expect(config.productName).toBe('Tổng hợp CCTP');
    const names = [
      artifact(config.nsis.artifactName, 'exe'),
      artifact(config.portable.artifactName, 'exe'),
      artifact(config.appImage.artifactName, 'AppImage'),
      config.executableName,
      config.linux.executableName,
    ];
    expect(names.slice(0, 3)).toEqual([`TongHopCCTP-Setup-${manifest.version}.exe`, `TongHopCCTP-${manifest.version}-portable.exe`, `TongHopCCTP-${manifest.version}.AppImage`]);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('makes a per-user, assisted, Vietnamese NSIS installer that never asks for elevation', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['vi_VN'],
      language: '1066',
      deleteAppDataOnUninstall: false,
    });
    expect(config.portable.requestExecutionLevel).toBe('user');
  });

  it('flips the fuses of an Electron binary as the security baseline asks, through electron-builder\u2019s own mapping', async () => {
    const { flipFuses, getCurrentFuseWire, FuseV1Options } = load('@electron/fuses') as typeof Fuses;
    const { FuseState, SENTINEL } = load('@electron/fuses/dist/constants') as typeof FuseConstants;
    const { PlatformPackager } = load('app-builder-lib') as { PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } } };
    // A stand-in for the Electron executable: the fuse wire after its sentinel, every fuse as Electron ships it.
    const count = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))).length;
    const wire = Buffer.concat([Buffer.from('MZ…'), Buffer.from(SENTINEL, 'latin1'), Buffer.from([1, count]), Buffer.alloc(count, FuseState.ENABLE), Buffer.from('…')]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-fuses-'));
    const binary = path.join(dir, 'TongHopCCTP.exe');
    try {
      fs.writeFileSync(binary, wire);
      await flipFuses(binary, await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses) as never);
      const fuses = await getCurrentFuseWire(binary);
      expect(fuses[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
      expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
      expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
      expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
      expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
      expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
      expect(fuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
      expect(fuses[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sets every electron fuse, as the security baseline asks', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    // Every fuse electron-builder knows, except the macOS-only signature reset, is set explicitly.
    const known = Object.keys(SCHEMA.definitions.FuseOptionsV1!.properties).filter((name) => name !== 'resetAdHocDarwinSignature');
    expect(Object.keys(config.electronFuses).sort()).toEqual(known.sort());
  });

  it('packs the bundles into app.asar, the main entry included, and nothing of the sources', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**/*', 'dist/renderer/**/*']));
    expect(manifest.main.startsWith('dist/electron/')).toBe(true);
    // The command line's bundle (dist/cli, node_modules' Node build of better-sqlite3) is for a developer's shell, not the app.
    expect(config.files.some((pattern: string) => pattern.startsWith('dist/cli') || pattern === 'dist/**/*' || pattern === 'dist/**')).toBe(false);
    // electron-builder leaves its output folder out of the app: it must not be our dist/.
    expect(config.directories.output).toBe('release');
  });

  it('ships the Electron-ABI better-sqlite3 outside app.asar, where main.ts looks first, and not the Node build', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toContainEqual({ from: 'dist/native/better_sqlite3.node', to: 'native/better_sqlite3.node' });
    // Where the packaged app looks first is where extraResources puts the addon, in the resources folder.
    const resources = path.join('C:', 'Program Files', 'TongHopCCTP', 'resources');
    const packaged = path.join(resources, config.extraResources.find((r) => r.from === 'dist/native/better_sqlite3.node')?.to ?? '');
    const candidates = nativeBindingCandidates(resources, path.join(resources, 'app.asar', 'dist', 'electron'));
    expect(candidates[0]).toBe(packaged);
    expect(findNativeBinding(candidates, (file) => file === packaged)).toBe(packaged);
    // Without it, a development run finds the rebuild's output in dist/native; never the Node build.
    expect(findNativeBinding(nativeBindingCandidates(undefined, path.join(ROOT, 'dist', 'electron')), (file) => file.endsWith(path.join('dist', 'native', 'better_sqlite3.node')))).toBe(path.join(ROOT, 'dist', 'native', 'better_sqlite3.node'));
    expect(findNativeBinding(candidates, () => false)).toBeUndefined();
    expect(config.files).toContain('!**/node_modules/better-sqlite3/{build,deps,src}{,/**/*}');
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('unpacks the parse worker, and parse.ts starts it from app.asar.unpacked', () => {
    expect(config.asarUnpack).toContain('dist/electron/parse-worker.js');
    // The bundle inside the archive starts the worker from the unpacked copy, which a worker thread can load.
    const inside = pathToFileURL(path.join(ROOT, 'release', 'linux-unpacked', 'resources', 'app.asar', 'dist', 'electron', 'parse-worker.js'));
    expect(fileURLToPath(unpackedUrl(inside))).toBe(path.join(ROOT, 'release', 'linux-unpacked', 'resources', 'app.asar.unpacked', 'dist', 'electron', 'parse-worker.js'));
    const outside = pathToFileURL(path.join(ROOT, 'dist', 'electron', 'parse-worker.js'));
    expect(unpackedUrl(outside).href).toBe(outside.href);
  });

  it('runs the afterPack checks from build/', () => {
    expect(config.afterPack).toBe('./build/after-pack.cjs');
    expect(typeof load(path.join(ROOT, config.afterPack))).toBe('function');
  });
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('icons', () => {
  it('gives Windows an .ico with every size from 16 to 256 px', () => {
    const ico = fs.readFileSync(path.join(ROOT, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const entries = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const at = 6 + 16 * i;
      const size = ico[at] || 256;
      const offset = ico.readUInt32LE(at + 12);
      const length = ico.readUInt32LE(at + 8);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      return { size, bits: ico.readUInt16LE(at + 6), data: ico.subarray(offset, offset + length) };
    });
    expect(entries.map((e) => e.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const entry of entries) expect(entry.bits).toBe(32);
    // The 256 px image is a PNG (what Explorer expects); the small ones are bitmaps of their size.
    expect(pngSize(entries.at(-1)!.data)).toEqual({ width: 256, height: 256 });
    for (const entry of entries.slice(0, -1)) {
      expect(entry.data.readUInt32LE(0)).toBe(40);
      expect([entry.data.readInt32LE(4), entry.data.readInt32LE(8)]).toEqual([entry.size, entry.size * 2]);
    }
  });

  it('gives Linux a set of square PNGs up to 512 px, each as large as its name says', () => {
    const dir = path.join(ROOT, config.linux.icon);
    const sizes = fs
      .readdirSync(dir)
      .filter((name) => /^\d+x\d+\.png$/.test(name))
      .map((name) => {
        const [w, h] = name.slice(0, -4).split('x').map(Number);
        expect(pngSize(fs.readFileSync(path.join(dir, name)))).toEqual({ width: w, height: h });
        return w!;
      })
      .sort((a, b) => a - b);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512]));
  });

  it('keeps the SVG every icon is made from', () => {
    expect(fs.readFileSync(path.join(ROOT, 'build/icons/icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
  });
});

/** A minimal ELF shared object header for `machine`, carrying the symbol a NODE_MODULE_INIT addon exports. */
function elf(machine: number, abi: string): Buffer {
  const bytes = Buffer.alloc(64);
  bytes.write('\x7fELF', 0, 'latin1');
  bytes[4] = 2;
  bytes.writeUInt16LE(machine, 18);
  return Buffer.concat([bytes, Buffer.from(`\0node_register_module_v${abi}\0`, 'latin1')]);
}

/** A minimal PE (DLL) header for `machine`, with the same symbol. */
function pe(machine: number, abi: string): Buffer {
  const bytes = Buffer.alloc(0x90);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.writeUInt16LE(machine, 0x84);
  return Buffer.concat([bytes, Buffer.from(`\0node_register_module_v${abi}\0`, 'latin1')]);
}

describe('afterPack checks', () => {
  const linux = { platform: 'linux', arch: 'x64', abi: '146' };
  const windows = { platform: 'win32', arch: 'x64', abi: '146' };

  it('accepts an addon for the target system, processor and Electron ABI', () => {
    expect(hook.nativeAddonProblems(elf(62, '146'), linux)).toEqual([]);
    expect(hook.nativeAddonProblems(pe(0x8664, '146'), windows)).toEqual([]);
  });

  it('refuses the Node build, another system, another processor, with what to do in Vietnamese', () => {
    expect(hook.nativeAddonProblems(elf(62, '115'), linux).join()).toMatch(/ABI 115 .*ABI 146 của Electron.*npm run rebuild:electron/);
    expect(hook.nativeAddonProblems(elf(62, '146'), windows).join()).toMatch(/không phải là tệp DLL của Windows.*máy Windows x64/);
    expect(hook.nativeAddonProblems(pe(0x8664, '146'), linux).join()).toMatch(/không phải là thư viện của Linux/);
    expect(hook.nativeAddonProblems(elf(183, '146'), linux).join()).toMatch(/bộ xử lý x64/);
  });

  it('finds the packages a bundle still loads from node_modules, and only those', () => {
    const source = [
      'import { isMainThread } from "node:worker_threads";',
      'import ExcelJS from "exceljs";',
      'import "./side-effect.js";',
      'const fs = require("fs"); const p = require("path/posix"); const z = require("yauzl");',
      'const later = await import("zod/v4/locales");',
    ].join('\n');
    expect(hook.externalPackages(source).sort()).toEqual(['exceljs', 'yauzl', 'zod/v4/locales']);
    expect(hook.externalPackages('import { createRequire } from "node:module"; const require = createRequire(import.meta.url); require("stream");')).toEqual([]);
  });
});
