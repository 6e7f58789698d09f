// What the CLI's bundle (dist/cli.js, the judging side) loads at start-up, from esbuild's account of
// its inputs. Every megabyte is read and compiled before `hw6-lab check` does anything: the judge
// needs at most tfjs-core, not the tfjs package's layers, converter or WebGL backend (those are the
// student's, in the child), and mathjs's expression parser, not every mathjs function.
import assert from 'node:assert/strict';
import { bundleInputs } from './support/bundleInputs';

/** The packages' files that left code in the bundle of `entry`. */
async function packageInputs(entry: string): Promise<string[]> {
  return (await bundleInputs(entry)).filter((i) => i.file.includes('node_modules/') && i.bytes > 0).map((i) => i.file);
}

describe("the judging side's bundles load what they use", function () {
  this.timeout(60_000);
  let cli: string[];
  let child: string[];

  before(async () => {
    [cli, child] = await Promise.all([packageInputs('src/cli/main.ts'), packageInputs('src/runner/childMain.ts')]);
  });

  it('the CLI bundles no tfjs layers, converter, data or WebGL backend', () => {
    const unused = cli.filter((f) => /@tensorflow\/tfjs(-layers|-converter|-data|-backend-webgl)?\//.test(f));
    assert.deepEqual(unused, []);
  });

  it("the CLI bundles mathjs's parser, not its every function (the registries' imports stay static)", () => {
    assert.ok(cli.some((f) => f.includes('mathjs/lib/esm/expression/parse.js')));
    assert.deepEqual(
      cli.filter((f) => /mathjs\/lib\/esm\/(entry\/mainAny|function\/algebra\/derivative)\.js$/.test(f)),
      [],
    );
  });

  it("the child holds one tfjs-core: the lab's imports of it and the student's tfjs share one engine", () => {
    const cores = child.filter((f) => f.includes('@tensorflow/tfjs-core/dist/'));
    // (a worktree's node_modules may be a link: esbuild then names the path through it)
    assert.deepEqual(
      cores.map((f) => f.slice(f.indexOf('@tensorflow/'))),
      ['@tensorflow/tfjs-core/dist/tf-core.node.js'],
    );
  });

  it('the probe can fail: the child, where student code runs, does bundle the whole tfjs package', () => {
    assert.ok(child.some((f) => f.includes('@tensorflow/tfjs-layers/')));
  });
});
