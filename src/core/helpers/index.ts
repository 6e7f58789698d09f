// The lab's helper module: what a student's file imports as `hw6-lab`, in every host the host's own
// instance (same tfjs, same types). Each problem's helpers live in its folder
// (problems/<id>/studentHelpers.ts); the bundler imports every one (scripts/problemFolders.mjs) and
// they are merged here, so no problem is named. Their types reach students through
// media/workspace/types/hw6-lab.d.ts (test/unit/workspace/template.test.ts holds the two together).
import helperModules from 'problem-folders:studentHelpers.ts';

/** The run-time `hw6-lab` module: every problem's helpers under their own names. */
export const studentHelpers: Readonly<Record<string, unknown>> = mergeHelpers(helperModules);

/** One module from the problems' helper modules; two problems giving one name would be ambiguous. */
export function mergeHelpers(modules: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>) {
  const merged: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const [id, module] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(module ?? {})) {
      if (owner.has(name))
        throw new Error(`"hw6-lab" exports ${name} from both problems/${owner.get(name)} and problems/${id}`);
      owner.set(name, id);
      merged[name] = value;
    }
  }
  return Object.freeze(merged);
}
