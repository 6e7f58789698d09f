// npm run bench's benches, the problems' (problems/<id>/benches.ts) and the generic ones: `--only`
// selects by name and the command line takes every bench's options, so no name or flag twice.
import { strict as assert } from 'node:assert';
import { problemBenches } from '../../../src/core/problems/benches';
import { genericBenches } from '../../../src/cli/genericBenches';

describe('bench registry', () => {
  it('names every bench and every option flag once', () => {
    const all = [...problemBenches, ...genericBenches];
    assert.ok(problemBenches.length > 0, "no problem's benches were found");
    const names = all.map((b) => b.name);
    assert.deepEqual(names, [...new Set(names)]);
    const flags = all.flatMap((b) => b.options ?? []).map((o) => o.flags.split(/[ ,]/)[0]);
    assert.deepEqual(flags, [...new Set(flags)]);
  });
});
