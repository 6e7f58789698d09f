import assert from 'node:assert/strict';
import { resolveProblemSettings } from '../../../src/extension/model/problemSettings';
import { runRequestFor } from '../../../src/extension/model/runRequest';
import { autoencodersInfo } from '../../../src/core/problems/autoencoders/meta';

describe('problem settings → run config', () => {
  const ctx = { baseDir: '/home/s/hw6', home: '/home/s' };

  it("problem 4's IDX folder: absolute kept, relative to the workspace folder, ~ expanded, blank dropped", () => {
    assert.deepEqual(
      resolveProblemSettings('autoencoders', { imageData: 'idx', idxDir: '/usr/share/datasets/fashion-mnist' }, ctx),
      { imageData: 'idx', idxDir: '/usr/share/datasets/fashion-mnist' },
    );
    assert.equal(
      resolveProblemSettings('autoencoders', { idxDir: 'data/fashion' }, ctx).idxDir,
      '/home/s/hw6/data/fashion',
    );
    assert.equal(resolveProblemSettings('autoencoders', { idxDir: ' ~/mnist ' }, ctx).idxDir, '/home/s/mnist');
    assert.deepEqual(resolveProblemSettings('autoencoders', { imageData: 'embedded', idxDir: '  ' }, ctx), {
      imageData: 'embedded',
    });
  });

  it("leaves other problems' settings alone", () => {
    assert.deepEqual(resolveProblemSettings('zkc', { weighted: true, idxDir: 'x' }, ctx), {
      weighted: true,
      idxDir: 'x',
    });
  });

  it('reaches the run request as config keys beside quick', () => {
    const request = runRequestFor({
      problem: autoencodersInfo,
      student: { file: '/home/s/hw6/q4_autoencoders.ts', source: '' },
      checksOnly: false,
      settings: { quick: true, timeLimitMs: 60_000, revealAnswers: false },
      problemSettings: resolveProblemSettings('autoencoders', { imageData: 'idx', idxDir: 'fashion' }, ctx),
    });
    assert.deepEqual(request.config, { imageData: 'idx', idxDir: '/home/s/hw6/fashion', quick: true });
  });
});
