// The karate club's colours (--zk-*) as the panel shows them, for figures exported as files.
import {
  ZKC_LIGHT_PALETTE,
  ZKC_PALETTE_KEYS,
  paletteVar,
  type ZkcPalette,
} from '../../src/core/problems/zkc/figures/zkcStyle';
import { resolvedPalette } from '../shared/figureExport';

export function currentZkcPalette(el: Element): ZkcPalette {
  return resolvedPalette(el, ZKC_LIGHT_PALETTE, ZKC_PALETTE_KEYS, paletteVar);
}
