// A worker thread for the "bare exceljs across worker threads" context line of the
// import benchmark (tests/bench/run.ts): it is handed a list of paths, reads and loads
// each one with `new ExcelJS.Workbook().xlsx.load(buffer)` and nothing else, and
// answers with how many worksheets it saw. Plain JavaScript so no TypeScript loader is
// needed inside the thread.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';

if (parentPort) {
  const port = parentPort;
  port.on('message', async (paths) => {
    let sheets = 0;
    for (const path of paths) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await readFile(path));
      sheets += workbook.worksheets.length;
    }
    port.postMessage({ sheets });
  });
  port.postMessage({ ready: true });
}
