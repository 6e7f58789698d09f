// The only module that knows the webview control library (@vscode/webview-ui-toolkit, archived
// upstream). Panels build controls through these factories and talk to them through the small
// interfaces below, so replacing the library (e.g. by @vscode-elements/elements) changes this folder only.
// The toolkit styles itself with constructable stylesheets, which work under the panels' strict
// CSP (style-src without 'unsafe-inline'); the Chromium tests assert zero CSP violations.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

/** Registers the custom elements once per page. */
export function registerControls(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeTextField(),
  );
}

export interface ButtonOptions {
  label: string;
  /** 'primary' (the one main action), 'secondary' or 'icon'. */
  appearance?: 'primary' | 'secondary' | 'icon';
  title?: string;
  onClick(): void;
}

export function button(o: ButtonOptions): HTMLElement {
  registerControls();
  const el = document.createElement('vscode-button');
  el.setAttribute('appearance', o.appearance ?? 'secondary');
  el.textContent = o.label;
  if (o.title) {
    el.title = o.title;
    el.setAttribute('aria-label', o.title);
  }
  el.addEventListener('click', () => {
    if (!el.hasAttribute('disabled')) o.onClick();
  });
  return el;
}

export function setDisabled(el: HTMLElement, disabled: boolean): void {
  el.toggleAttribute('disabled', disabled);
}

export interface Checkbox {
  element: HTMLElement;
  checked: boolean;
}

export function checkbox(o: { label: string; checked: boolean; onChange(checked: boolean): void }): Checkbox {
  registerControls();
  const el = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  el.textContent = o.label;
  el.checked = o.checked;
  el.addEventListener('change', () => o.onChange(el.checked));
  return {
    element: el,
    get checked() {
      return el.checked;
    },
    set checked(v: boolean) {
      el.checked = v;
    },
  };
}

export interface Dropdown {
  element: HTMLElement;
  /** Replaces the options; `selected` is an index into them. */
  setOptions(labels: string[], selected: number): void;
  readonly selectedIndex: number;
}

export function dropdown(o: { ariaLabel: string; onChange(index: number): void }): Dropdown {
  registerControls();
  const el = document.createElement('vscode-dropdown') as HTMLElement & { selectedIndex: number; value: string };
  el.setAttribute('aria-label', o.ariaLabel);
  el.setAttribute('position', 'below');
  el.addEventListener('change', () => o.onChange(el.selectedIndex));
  return {
    element: el,
    setOptions(labels, selected) {
      el.replaceChildren(
        ...labels.map((label, i) => {
          const opt = document.createElement('vscode-option');
          opt.textContent = label;
          opt.setAttribute('value', String(i));
          if (i === selected) opt.setAttribute('selected', '');
          return opt;
        }),
      );
      el.value = String(selected);
      el.selectedIndex = selected;
    },
    get selectedIndex() {
      return el.selectedIndex;
    },
  };
}

export interface TextField {
  element: HTMLElement;
  value: string;
}

export function textField(o: {
  label: string;
  value: string;
  size?: number;
  inputMode?: 'numeric' | 'text';
  onChange(value: string): void;
}): TextField {
  registerControls();
  const el = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  el.textContent = o.label;
  el.setAttribute('value', o.value);
  if (o.size) el.setAttribute('size', String(o.size));
  if (o.inputMode) el.setAttribute('inputmode', o.inputMode);
  el.addEventListener('change', () => o.onChange(el.value));
  return {
    element: el,
    get value() {
      return el.value;
    },
    set value(v: string) {
      el.value = v;
    },
  };
}

export function progressRing(label: string): HTMLElement {
  registerControls();
  const el = document.createElement('vscode-progress-ring');
  el.setAttribute('aria-label', label);
  return el;
}
