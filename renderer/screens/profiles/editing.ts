// A saved profile opened in the wizard to be changed: its definition, and the sample
// the wizard shows (the last file read through it, kept byte for byte), if any.
import type { FileBytes } from '../../../shared/api';
import type { LayoutProfile } from '../../../shared/profiles';

export interface ProfileEditing {
  name: string;
  definition: LayoutProfile;
  /** Null when the profile has read no file yet: the clerk opens one. */
  sample: FileBytes | null;
}
