// A chart with its data as a table: the figure's SVG in a host, and under it a "Show data as table"
// disclosure (<details>, reachable by keyboard) holding a table of the numbers drawn, which the SVG
// names as its description (aria-describedby). The rows are built only while the table is open and
// only when the data changed: a curve can have tens of thousands of epochs, and animations redraw
// the SVG many times a second with the same data.
import { h } from './dom';
import { figureHost } from './panelParts';
import './chartData.css';

/** What a chart draws, as rows. The first column heads its row. */
export interface ChartTableData {
  /** What one row is, e.g. "Loss per epoch, one row per epoch". */
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface DataChart {
  /** The host and the table's disclosure, to place in a card. */
  element: HTMLElement;
  /** Where the SVG is drawn. */
  host: HTMLDivElement;
  /** Draws `svg` and describes it by `data()`'s table, rebuilt when `key` changes. */
  show(svg: string, key: string, data: () => ChartTableData): void;
  /** Empties the host and the table. */
  clear(): void;
}

let tables = 0;

/** A chart's data table in its disclosure; `describe(svg)` points a drawn figure at it. */
export interface DataTable {
  element: HTMLDetailsElement;
  table: HTMLTableElement;
  /** Replaces the data when `key` changed since the last call. */
  setData(key: string, data: () => ChartTableData): void;
  /** Names the figure by its own title and describes it by this table. */
  describe(svg: SVGSVGElement): void;
  clear(): void;
}

export function dataTable(label: string): DataTable {
  const id = `chart-${++tables}`;
  const caption = h('caption');
  const headRow = h('tr');
  const body = h('tbody');
  const table = h('table', { class: 'data chart-table', id: `${id}-table` }, caption, h('thead', {}, headRow), body);
  // The wrapper scrolls a long table, so it takes the focus too (keyboard users scroll it with the arrows).
  const wrap = h(
    'div',
    { class: 'chart-table-wrap', attrs: { tabindex: '0', role: 'region', 'aria-label': `Data of ${label}` } },
    table,
  );
  const element = h(
    'details',
    { class: 'chart-data' },
    h('summary', { text: 'Show data as table', attrs: { 'aria-label': `Show data as table: ${label}` } }),
    wrap,
  );
  element.hidden = true;

  let data: ChartTableData | undefined;
  let key: string | undefined;
  /** The key whose rows are in the table body. */
  let filled: string | undefined;

  function fill(): void {
    if (!element.open || !data || filled === key) return;
    filled = key;
    body.replaceChildren(
      ...data.rows.map((row) =>
        h(
          'tr',
          {},
          ...row.map((cell, i) =>
            i === 0 ? h('th', { attrs: { scope: 'row' }, text: cell }) : h('td', { class: 'num', text: cell }),
          ),
        ),
      ),
    );
  }
  element.addEventListener('toggle', fill);

  return {
    element,
    table,
    setData(nextKey, build) {
      if (nextKey === key && data) return;
      key = nextKey;
      data = build();
      caption.textContent = `${data.caption} (${data.rows.length.toLocaleString('en-US')} row${data.rows.length === 1 ? '' : 's'})`;
      table.dataset.rows = String(data.rows.length);
      // A figure with nothing drawn ("No spectrum in this run") has no table to show.
      element.hidden = data.rows.length === 0;
      headRow.replaceChildren(...data.columns.map((c) => h('th', { attrs: { scope: 'col' }, text: c })));
      body.replaceChildren();
      filled = undefined;
      fill();
    },
    describe(svg) {
      // Renderers label an SVG by the id of its <title>, which repeats when a page shows two
      // figures of a kind; aria-labelledby needs a unique id to find the right one.
      if (!svg.hasAttribute('role')) svg.setAttribute('role', 'img');
      const title = svg.querySelector(':scope > title');
      if (title) {
        title.id = `${id}-title`;
        svg.setAttribute('aria-labelledby', title.id);
      }
      svg.setAttribute('aria-describedby', table.id);
    },
    clear() {
      data = key = filled = undefined;
      caption.textContent = '';
      headRow.replaceChildren();
      body.replaceChildren();
      element.hidden = true;
    },
  };
}

/** A figure host with its data table under it. */
export function dataChart(label: string): DataChart {
  const host = figureHost(label);
  const table = dataTable(label);
  return {
    element: h('div', { class: 'data-chart' }, host, table.element),
    host,
    show(svg, key, data) {
      host.innerHTML = svg;
      table.setData(key, data);
      for (const figure of host.querySelectorAll('svg')) table.describe(figure);
    },
    clear() {
      host.replaceChildren();
      table.clear();
    },
  };
}
