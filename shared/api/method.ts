// What every capability's part of the Api contract is made of: the declaring helper and
// the schemas the parts share. Validation messages reach the clerk as they are, so they
// are Vietnamese (the locale is set here, before any schema is used).
import { z } from 'zod';
import * as zodLocales from 'zod/v4/locales';
import { isIsoDate } from '../dates';

z.config(zodLocales.vi());

/**
 * Declares one method: its argument schema, and its result type as a phantom.
 * Curried so the result type is written once and the schema's type is inferred.
 */
export function method<R>() {
  return <A extends z.ZodType>(args: A): { args: A; result?: R } => ({ args });
}

export const isoDate = z.string().refine(isIsoDate, { message: 'Ngày phải có dạng yyyy-mm-dd và là một ngày có thật' });
export const code = z.string().trim().min(1).max(40);
export const periodCode = z.string().trim().regex(/^\d{4}-(Q[1-4]|H1|9M|Y)$/u, { message: 'Mã kỳ báo cáo có dạng 2022-Q1, 2022-H1, 2022-9M hoặc 2022-Y' });
export const year = z.number().int().min(2000).max(2100);
export const text = (max: number) => z.string().max(max);
export const none = z.object({}).strict();
export const id = z.number().int().positive();

export const fileBytes = z.object({
  name: z.string().trim().min(1).max(260),
  bytes: z.instanceof(Uint8Array),
});

export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

