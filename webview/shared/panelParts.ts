// DOM pieces the run panels build alike: the error banner, a figure's host, a sortable table head.
import { h } from './dom';

export function errorBannerElement(): HTMLDivElement {
  return h('div', { class: 'error-banner', attrs: { role: 'alert' } });
}

/** Shows `message` in the banner, or hides it when there is none. */
export function showBannerError(banner: HTMLElement, message: string | undefined): void {
  banner.hidden = !message;
  banner.replaceChildren(
    ...(message ? [h('strong', { text: 'Something went wrong. ' }), h('span', { text: message })] : []),
  );
}

/** Where a figure's SVG is drawn, labelled for screen readers. */
export function figureHost(label: string): HTMLDivElement {
  return h('div', { class: 'figure-host', attrs: { role: 'group', 'aria-label': label } });
}

export interface SortColumn<K extends string> {
  key: K;
  label: string;
  numeric: boolean;
}

/** Fills `row` with one header cell per column, whose button calls `onSort` with its key. */
export function sortableHead<K extends string>(
  row: HTMLTableRowElement,
  columns: readonly SortColumn<K>[],
  onSort: (key: K) => void,
): void {
  for (const c of columns) {
    const b = h('button', {
      class: 'sort-button',
      attrs: { type: 'button', 'data-key': c.key, title: `Sort by ${c.label.toLowerCase()}` },
      text: c.label,
    });
    b.addEventListener('click', () => onSort(c.key));
    row.append(
      h('th', { class: c.numeric ? 'num' : '', attrs: { scope: 'col', 'data-key': c.key, 'aria-sort': 'none' } }, b),
    );
  }
}

/** Marks the sorted column's header cell (aria-sort) and clears the others. */
export function markSorted(row: HTMLTableRowElement, key: string, descending: boolean): void {
  for (const th of row.querySelectorAll('th'))
    th.setAttribute('aria-sort', th.dataset.key === key ? (descending ? 'descending' : 'ascending') : 'none');
}
