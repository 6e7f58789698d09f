// Results survive a window reload, part 2: runs in the extension host the reload started
// (test/host/reload.ts). Without running anything, the lab shows what it showed before the reload:
// the Testing view's results, the diagnostics and the decorations.
import * as assert from 'node:assert/strict';
import { activateApi, fixtureUri, waitFor } from './helpers';
import { labView, type LabView } from './labView';
import { reloadedSnapshot } from './reload';

describe('results survive a window reload', function () {
  this.timeout(180_000);

  it('after the reload: the Testing view, the diagnostics and the decorations show the last results again', async () => {
    const before = reloadedSnapshot<LabView>();
    const { api } = await activateApi();
    const files = [fixtureUri('q5_beam_search.ts')]; // as the first pass saved it
    const same = (): LabView => labView(api, 'beam-search', files);
    try {
      await waitFor(
        'the results from before the reload',
        () => {
          try {
            assert.deepEqual(same(), before);
            return true;
          } catch {
            return undefined;
          }
        },
        60_000,
      );
    } catch {
      // show what differs
      assert.deepEqual(same(), before);
    }
    assert.equal(api.testing.lastRun('beam-search')?.problemId, 'beam-search');
  });
});
