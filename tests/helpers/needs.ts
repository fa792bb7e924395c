// A vitest suite that needs a part beyond npm (capabilities.ts): run where it is found;
// elsewhere skipped, its title saying why and what installs it; under
// TONGHOP_REQUIRE_ALL=1 (CI) a missing part is a failing test, never a skip.
import { describe, it } from 'vitest';
import { requireAll, skipNote, type Found } from './capabilities';

export function describeWith(found: Found<object>, title: string, body: () => void): void {
  if (found.ok) {
    describe(title, body);
  } else if (requireAll()) {
    describe(title, () => {
      it('has what it needs', () => {
        throw new Error(`${title}: ${found.reason}. TONGHOP_REQUIRE_ALL=1 nên thiếu là lỗi, không bỏ qua; cài: ${found.install}`);
      });
    });
  } else {
    describe.skip(`${title} (${skipNote(found)})`, body);
  }
}
