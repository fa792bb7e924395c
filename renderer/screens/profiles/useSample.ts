// The sample workbook the wizard shows: opened from the disk (desktop dialog or the
// browser's file input), inspected by profiles.inspect, with the sheet that holds the
// table chosen first (help sheets are short).
import { useState } from 'react';
import type { FileBytes, WorkbookInspection } from '../../../shared/api';
import type { ApiError } from '../../../shared/errors';
import { api } from '../../api';

export function asUpload(file: FileBytes): { name: string; bytes: Uint8Array<ArrayBuffer> } {
  return file as { name: string; bytes: Uint8Array<ArrayBuffer> };
}

/** The sheet with the most text: the table, usually. */
function bestSheet(inspection: WorkbookInspection): number {
  return inspection.sheets.reduce((b, s, i, all) => (s.rows.flat().filter(Boolean).length > (all[b]?.rows.flat().filter(Boolean).length ?? 0) ? i : b), 0);
}

export interface Sample {
  file: FileBytes | null;
  inspection: WorkbookInspection | null;
  sheetIndex: number;
  loading: boolean;
  error: ApiError | null;
}

const NONE: Sample = { file: null, inspection: null, sheetIndex: 0, loading: false, error: null };

/** `open` resolves to the inspection (null when refused), so the caller can lay a saved profile over it. */
export function useSample(): [Sample, (file: FileBytes) => Promise<WorkbookInspection | null>, (index: number) => void] {
  const [sample, setSample] = useState<Sample>(NONE);
  const open = async (file: FileBytes) => {
    setSample({ ...NONE, file, loading: true });
    const r = await api['profiles.inspect']({ file: asUpload(file) });
    if (!r.ok) {
      setSample({ ...NONE, file, error: r.error });
      return null;
    }
    setSample({ file, inspection: r.value, sheetIndex: bestSheet(r.value), loading: false, error: null });
    return r.value;
  };
  const chooseSheet = (sheetIndex: number) => setSample((s) => ({ ...s, sheetIndex }));
  return [sample, open, chooseSheet];
}
