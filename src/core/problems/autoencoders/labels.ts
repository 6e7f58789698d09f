// How problem 4 names its datasets and grid cells in progress messages, findings and titles (shared
// by the child's run and the judge's checks; no data, no tfjs).
import type { AeCellKey, AeDataset } from './artifact';

export function cellLabel(cell: AeCellKey): string {
  return `${datasetLabel(cell.dataset)}, ${cell.activation === 'relu' ? 'ReLU' : 'linear'}, ${cell.variant}, k=${cell.k}${cell.repeat > 0 ? `, repeat ${cell.repeat + 1}` : ''}`;
}

export function datasetLabel(dataset: AeDataset): string {
  return dataset === 'synthetic' ? 'synthetic' : dataset === 'mnist' ? 'MNIST' : 'IDX';
}
