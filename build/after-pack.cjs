// electron-builder afterPack hook (build/electron-builder.config.cjs): before the packaged
// folder becomes an installer, check the two things that only fail on the clerk's machine.
//  1. resources/native/better_sqlite3.node is there, is a binary for the target system and
//     processor, and was built for Electron's ABI (not the Node build the tests use).
//  2. The parse worker, which runs unpacked beside app.asar, imports nothing but Node's
//     built-ins: from app.asar.unpacked it cannot see the packages inside app.asar.
// The electron fuses are not set here: electron-builder flips them itself (`electronFuses`).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');

/** electron-builder's Arch enum (builder-util): ia32 0, x64 1, armv7l 2, arm64 3. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64'];
const PE_MACHINE = { ia32: 0x014c, x64: 0x8664, arm64: 0xaa64 };
const ELF_MACHINE = { ia32: 3, x64: 62, armv7l: 40, arm64: 183 };
const SYSTEM = { win32: 'Windows', linux: 'Linux', darwin: 'macOS' };

/** The Node ABI (NODE_MODULE_VERSION) of the Electron being packaged, from the electron package. */
function electronAbi() {
  const file = path.join(path.dirname(require.resolve('electron/package.json')), 'abi_version');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : null;
}

/**
 * Problems with a native addon for `platform` ('win32' | 'linux') and `arch` ('x64', …):
 * the binary format, the processor, and the ABI it registers itself for
 * (`node_register_module_v<ABI>`, exported by every NODE_MODULE_INIT addon).
 */
function nativeAddonProblems(bytes, { platform, arch, abi }) {
  const problems = [];
  const rebuild = `chạy "npm run rebuild:electron" trên máy ${SYSTEM[platform] ?? platform} ${arch} có Internet rồi đóng gói lại`;
  if (platform === 'win32') {
    const peAt = bytes.length >= 64 && bytes[0] === 0x4d && bytes[1] === 0x5a ? bytes.readUInt32LE(0x3c) : -1;
    if (peAt < 0 || peAt + 6 > bytes.length || bytes.toString('latin1', peAt, peAt + 4) !== 'PE\0\0') {
      return [`better_sqlite3.node không phải là tệp DLL của Windows: ${rebuild}.`];
    }
    const machine = bytes.readUInt16LE(peAt + 4);
    if (PE_MACHINE[arch] !== undefined && machine !== PE_MACHINE[arch]) problems.push(`better_sqlite3.node không dựng cho bộ xử lý ${arch}: ${rebuild}.`);
  } else if (platform === 'linux') {
    if (bytes.length < 20 || bytes.toString('latin1', 0, 4) !== '\x7fELF') {
      return [`better_sqlite3.node không phải là thư viện của Linux: ${rebuild}.`];
    }
    const machine = bytes.readUInt16LE(18);
    if (ELF_MACHINE[arch] !== undefined && machine !== ELF_MACHINE[arch]) problems.push(`better_sqlite3.node không dựng cho bộ xử lý ${arch}: ${rebuild}.`);
  }
  const registered = [...bytes.toString('latin1').matchAll(/node_register_module_v(\d+)/g)].map((m) => m[1]);
  if (abi && registered.length > 0 && !registered.includes(abi)) {
    problems.push(`better_sqlite3.node được dựng cho ABI ${[...new Set(registered)].join(', ')} (Node), không phải ABI ${abi} của Electron: ${rebuild}.`);
  }
  return problems;
}

/** Package names a bundled ES module or CommonJS file still loads from node_modules. */
function externalPackages(source) {
  const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
  const specifiers = [
    ...source.matchAll(/^\s*import\s[^'"]*?\bfrom\s*["']([^"']+)["']/gm),
    ...source.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...source.matchAll(/^\s*export\s[^'"]*?\bfrom\s*["']([^"']+)["']/gm),
    ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return [...new Set(specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !builtins.has(s) && !builtins.has(s.split('/')[0])))];
}

async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const resources = context.packager.getResourcesDir(context.appOutDir);
  const problems = [];

  const addon = path.join(resources, 'native', 'better_sqlite3.node');
  if (!fs.existsSync(addon)) {
    problems.push(`Thiếu resources/native/better_sqlite3.node: chạy "npm run rebuild:electron" (tạo dist/native/better_sqlite3.node) trên máy ${SYSTEM[platform] ?? platform} ${arch} có Internet rồi đóng gói lại.`);
  } else {
    problems.push(...nativeAddonProblems(fs.readFileSync(addon), { platform, arch, abi: electronAbi() }));
  }

  const worker = path.join(resources, 'app.asar.unpacked', 'dist', 'electron', 'parse-worker.js');
  if (!fs.existsSync(worker)) {
    problems.push('Thiếu resources/app.asar.unpacked/dist/electron/parse-worker.js: chạy "npm run build" trước khi đóng gói (asarUnpack phải giữ dist/electron/parse-worker.js).');
  } else {
    const external = externalPackages(fs.readFileSync(worker, 'utf8'));
    if (external.length > 0) {
      problems.push(`parse-worker.js chạy ngoài app.asar nên không nạp được ${external.join(', ')}: build/bundle.mjs phải gói các thư viện này vào parse-worker.js.`);
    }
  }

  if (problems.length > 0) {
    throw new Error(`Không đóng gói được (${SYSTEM[platform] ?? platform} ${arch}):\n - ${problems.join('\n - ')}`);
  }
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.nativeAddonProblems = nativeAddonProblems;
module.exports.externalPackages = externalPackages;
