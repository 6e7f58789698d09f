// Is a value an artifact a panel can draw? Each problem validates its own kinds (its meta's
// artifactValidators, collected by the catalog); the extension checks what it forwards and the
// webviews what they receive. A malformed or unknown artifact is ignored, not drawn.
import type { Artifact } from '../engine/events';
import { problemCatalog } from '../problems/catalog';

const validators = new Map(problemCatalog.flatMap((p) => Object.entries(p.artifactValidators ?? {})));

export function isKnownArtifact(v: unknown): v is Artifact {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const valid = validators.get((v as { kind?: unknown }).kind as string);
  return valid !== undefined && valid(v);
}
