// The renderer's build: React + antd into dist/renderer, served by the desktop shell
// (app:// protocol) and by browser mode alike. Relative asset paths work under both.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const DEFERRED_HELPER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'renderer/lib/deferred.ts').replace(/\\/gu, '/');

/**
 * antd parts that their parent imports unconditionally but draws only on request. Each
 * import line is replaced by a component that loads the part when first drawn
 * (renderer/lib/deferred.ts), so the first screen's script does not carry it. The lines
 * are matched exactly: an antd upgrade that changes them fails the build here, rather
 * than silently putting the parts back into the first screen.
 */
const DEFERRED_ANTD_PARTS: { file: string; line: string; replacement: string }[] = [
  // (file: the module's path under node_modules)
  {
    // The filter menu of a column with `filters` (none of ours has one): Tree, Menu, Dropdown, Input.
    file: 'antd/es/table/hooks/useFilter/index.js',
    line: "import FilterDropdown, { flattenKeys } from './FilterDropdown';",
    // flattenKeys is antd's own (6.x), copied: it is needed before the menu is drawn.
    replacement: [
      "const FilterDropdown = deferred(() => import('./FilterDropdown'));",
      'function flattenKeys(filters) {',
      '  let keys = [];',
      '  (filters || []).forEach(({ value, children }) => {',
      '    keys.push(value);',
      '    if (children) keys = [...keys, ...flattenKeys(children)];',
      '  });',
      '  return keys;',
      '}',
    ].join('\n'),
  },
  // A table's row selection (Biểu mẫu), its selection menu, and its pager (Nhật ký, Cài đặt).
  { file: 'antd/es/table/hooks/useSelection.js', line: "import Checkbox from '../../checkbox';", replacement: "const Checkbox = deferred(() => import('../../checkbox'));" },
  { file: 'antd/es/table/hooks/useSelection.js', line: "import Dropdown from '../../dropdown';", replacement: "const Dropdown = deferred(() => import('../../dropdown'));" },
  { file: 'antd/es/table/hooks/useSelection.js', line: "import Radio from '../../radio';", replacement: "const Radio = deferred(() => import('../../radio'));" },
  { file: 'antd/es/table/InternalTable.js', line: "import Pagination from '../pagination';", replacement: "const Pagination = deferred(() => import('../pagination'));" },
  // Typography's in-place editor (a TextArea) and copy button, for `editable` and `copyable` text only.
  { file: 'antd/es/typography/Base/index.js', line: "import Editable from '../Editable';", replacement: "const Editable = deferred(() => import('../Editable'));" },
  { file: 'antd/es/typography/Base/index.js', line: "import CopyBtn from './CopyBtn';", replacement: "const CopyBtn = deferred(() => import('./CopyBtn'));" },
  // A `virtual` table's body (none of ours is).
  { file: 'antd/es/table/InternalTable.js', line: "import RcVirtualTable from './RcTable/VirtualTable';", replacement: "const RcVirtualTable = deferred(() => import('./RcTable/VirtualTable'));" },
  // A select's option list, drawn when it first opens (the period choice is closed on the first screen).
  { file: '@rc-component/select/es/Select.js', line: 'import OptionList from "./OptionList";', replacement: "const OptionList = deferred(() => import('./OptionList'));" },
  // A card's tabs (`tabList`).
  { file: 'antd/es/card/Card.js', line: "import Tabs from '../tabs';", replacement: "const Tabs = deferred(() => import('../tabs'));" },
];

function deferAntdParts(): Plugin {
  const byFile = new Map<string, typeof DEFERRED_ANTD_PARTS>();
  for (const part of DEFERRED_ANTD_PARTS) byFile.set(part.file, [...(byFile.get(part.file) ?? []), part]);
  const seen = new Set<string>();
  return {
    name: 'tonghop:defer-antd-parts',
    apply: 'build',
    transform(code, id) {
      const file = id.replace(/\\/gu, '/').match(/\/node_modules\/(.+)$/u)?.[1];
      const parts = file ? byFile.get(file) : undefined;
      if (!file || !parts) return null;
      let out = code;
      for (const part of parts) {
        if (!out.includes(part.line)) this.error(`antd changed: "${part.line}" is no longer in ${file}; update DEFERRED_ANTD_PARTS in vite.config.ts.`);
        out = out.replace(part.line, part.replacement);
      }
      seen.add(file);
      return { code: `import { deferred } from ${JSON.stringify(DEFERRED_HELPER)};\n${out}`, map: null };
    },
    buildEnd(error) {
      if (error) return;
      const missed = [...byFile.keys()].filter((f) => !seen.has(f));
      if (missed.length > 0) this.error(`antd changed: ${missed.join(', ')} no longer built; update DEFERRED_ANTD_PARTS in vite.config.ts.`);
    },
  };
}

/**
 * antd's helper packages do not declare `sideEffects: false`, so a module of theirs
 * that the app does not use stays in the bundle just because something imports its
 * package's index (antd's form context pulls in the whole form engine and its
 * validator, the table's selection the whole tree). Their modules only define things;
 * saying so lets the unused ones go. (antd itself declares it.)
 */
const SIDE_EFFECT_FREE_PACKAGES = /[\\/]node_modules[\\/](@rc-component|@ant-design)[\\/]/u;

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), deferAntdParts()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The first screen's chunk is what the clerk waits for (App.tsx loads the other screens
    // on demand); warn if it grows past the budget the benchmark holds it to.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !SIDE_EFFECT_FREE_PACKAGES.test(id) || id.endsWith('.css') },
      // Everything the first screen loads in one file: split the way the screens share
      // it, it came as some 80 files, each with its own import and export lists.
      // Modules only the dependencies of a first-screen module pull in stay out
      // (includeDependenciesRecursively), so a screen's own code still waits for it.
      output: { codeSplitting: { groups: [{ name: 'first-screen', tags: ['$initial'], includeDependenciesRecursively: false }] } },
    },
  },
});
