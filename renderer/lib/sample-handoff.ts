// A file handed from one screen to another within this window: a file refused at intake
// because no layout profile reads it goes to Mẫu bố cục's wizard as its sample, so the
// clerk makes the profile from the very file, without finding it on the disk again.
// Held in memory once, taken by the wizard that opens: a reload forgets it.
import type { FileBytes } from '../../shared/api';

let pending: FileBytes | null = null;

export function handSample(sample: FileBytes): void {
  pending = sample;
}

/** The sample handed over, once: a second call returns null. */
export function takeSample(): FileBytes | null {
  const handed = pending;
  pending = null;
  return handed;
}
