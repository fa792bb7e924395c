// electron-builder configuration for `npm run dist`: a per-user NSIS installer and a
// portable .exe for Windows, an AppImage for Linux. CommonJS on purpose: the package is
// "type": "module", and a .cjs file is read the same way by electron-builder, by Node and
// by the packaging test, with room for the comments below.
//
// What goes into the package:
//   resources/app.asar            dist/electron (main, preload, parse worker), dist/renderer,
//                                 package.json and the production node_modules
//   resources/app.asar.unpacked   the parse worker, a self-contained bundle started as a
//                                 plain file, whatever Electron's archive support in worker
//                                 threads (electron/excel/parse.ts looks for it there)
//   resources/native/             better_sqlite3.node built for Electron's ABI by
//                                 `npm run rebuild:electron`; main.ts hands it to
//                                 better-sqlite3 as nativeBinding
'use strict';

/** ASCII names for files and folders; the Vietnamese name is for people (window, shortcuts, installer). */
const FILE_NAME = 'TongHopCCTP';

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'vn.langson.tonghopcctp',
  productName: 'Tổng hợp CCTP',
  executableName: FILE_NAME,
  // CompanyName and the copyright line of the .exe come from package.json "author".

  directories: {
    // Never "dist" (electron-builder's default): that is where our own bundles live, and
    // electron-builder leaves its output folder out of the app.
    output: 'release',
    buildResources: 'build',
  },

  files: [
    'package.json',
    'dist/electron/**/*',
    'dist/renderer/**/*',
    '!**/*.map',
    // better-sqlite3's C sources and its Node-ABI build (node_modules/.../build/Release):
    // the app loads resources/native/better_sqlite3.node and nothing else. Its JavaScript
    // (lib/) and package.json stay.
    '!**/node_modules/better-sqlite3/{build,deps,src}{,/**/*}',
    // exceljs's browser bundles; Node loads exceljs/lib.
    '!**/node_modules/exceljs/dist{,/**/*}',
  ],
  extraResources: [{ from: 'dist/native/better_sqlite3.node', to: 'native/better_sqlite3.node' }],

  asar: true,
  asarUnpack: [
    // No native addon may stay inside the archive (there is none today: ours is an extra resource).
    '**/*.node',
    'dist/electron/parse-worker.js',
    // {"type":"module"} for the unpacked worker, when build/bundle.mjs writes one.
    'dist/electron/package.json',
  ],

  // Our native addon is built once for Electron's ABI by `npm run rebuild:electron`
  // (dist/native), so electron-builder must neither rebuild node_modules for Electron nor
  // touch the Node build that the tests and the command line use.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,

  // Chromium's own strings in Vietnamese and English only; the other locale files weigh
  // tens of MB and no clerk reads them.
  electronLanguages: ['vi', 'en-US'],

  // Flipped in the packaged Electron binary right before signing (architecture.md, security baseline).
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // Windows and macOS check app.asar against the hash electron-builder embeds in the
    // executable; Electron has no such check on Linux, where the fuse does nothing.
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },

  // Checks the packaged folder before it is turned into an installer (native addon, worker).
  afterPack: './build/after-pack.cjs',

  // Nothing is published or auto-updated: releases are copied to the office by hand.
  publish: null,

  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    icon: 'build/icons/icon.ico',
  },
  nsis: {
    artifactName: `${FILE_NAME}-Setup-\${version}.\${ext}`,
    oneClick: false,
    perMachine: false,
    // A clerk without administrator rights installs into %LOCALAPPDATA%\Programs\TongHopCCTP,
    // never meets a UAC prompt, and may choose another folder.
    allowElevation: false,
    allowToChangeInstallationDirectory: true,
    installerLanguages: ['vi_VN'],
    language: '1066',
    shortcutName: 'Tổng hợp CCTP',
    uninstallDisplayName: 'Tổng hợp CCTP ${version}',
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    runAfterFinish: true,
    // The database is the office's work: uninstalling the program never deletes it.
    deleteAppDataOnUninstall: false,
  },
  portable: {
    artifactName: `${FILE_NAME}-\${version}-portable.\${ext}`,
    requestExecutionLevel: 'user',
  },

  linux: {
    target: [{ target: 'AppImage', arch: ['x64'] }],
    // The NxN.png files of build/icons (made from icons/icon.svg by icons/make-icons.mjs).
    icon: 'build/icons',
    executableName: 'tonghop-cctp',
    category: 'Office',
    synopsis: 'Tổng hợp báo cáo cải cách tư pháp',
  },
  appImage: {
    artifactName: `${FILE_NAME}-\${version}.\${ext}`,
  },
};

module.exports = config;
