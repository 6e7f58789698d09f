import assert from 'node:assert/strict';
import { htmlAttributes, makeNonce, panelCsp, panelHtml } from '../../../src/core/panelHtml';

const base = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: makeNonce(),
  scriptUri: 'https://x.vscode-cdn.net/dist/webview/beam.js',
  title: 'Beam Tree',
};

function csp(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
  return new Map(
    content
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values];
      }),
  );
}

describe('panelHtml', () => {
  it('sets a strict CSP: nothing by default, scripts by nonce, never eval or inline', () => {
    const policy = csp(panelHtml(base));
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    assert.deepEqual(policy.get('script-src'), [`'nonce-${base.nonce}'`]);
    assert.deepEqual(policy.get('style-src'), [base.cspSource, `'nonce-${base.nonce}'`]);
    assert.deepEqual(policy.get('img-src'), [base.cspSource, 'data:']);
    assert.deepEqual(policy.get('font-src'), [base.cspSource]);
    assert.equal(policy.has('connect-src'), false);
    const all = [...policy.values()].flat();
    for (const forbidden of ["'unsafe-eval'", "'unsafe-inline'", "'wasm-unsafe-eval'", '*', 'https:'])
      assert.ok(!all.includes(forbidden), forbidden);
  });

  it('allows wasm compilation and fetching the .wasm files only for panels that run tfjs', () => {
    const policy = csp(panelHtml({ ...base, allowWasm: true }));
    assert.deepEqual(policy.get('script-src'), [`'nonce-${base.nonce}'`, "'wasm-unsafe-eval'"]);
    assert.deepEqual(policy.get('connect-src'), [base.cspSource]);
    assert.ok(![...policy.values()].flat().includes("'unsafe-eval'"));
    assert.equal(
      panelCsp({ ...base, allowWasm: true }),
      /content="([^"]*)"/.exec(panelHtml({ ...base, allowWasm: true }))![1],
    );
  });

  it('loads the script with the nonce, links the styles, and exposes the nonce to the toolkit', () => {
    const html = panelHtml({
      ...base,
      styleUris: ['https://x/a.css'],
      bodyAttributes: htmlAttributes({ 'data-wasm-path': 'https://x/wasm/' }),
    });
    assert.match(
      html,
      new RegExp(`<script nonce="${base.nonce.replace(/[+/]/g, '\\$&')}" src="${base.scriptUri}"></script>`),
    );
    assert.match(html, /<link rel="stylesheet" href="https:\/\/x\/a.css">/);
    assert.match(html, /<body data-wasm-path="https:\/\/x\/wasm\/">/);
    assert.match(html, /<meta property="csp-nonce" content="[^"]+">/);
    assert.equal(html.match(/<script/g)!.length, 1);
  });

  it('escapes the title and attribute values and refuses weak nonces and odd attribute names', () => {
    const html = panelHtml({ ...base, title: '<img src=x onerror=alert(1)>' });
    assert.doesNotMatch(html, /<img/);
    assert.equal(htmlAttributes({ 'data-x': '"><script>' }), 'data-x="&quot;&gt;&lt;script&gt;"');
    assert.throws(() => panelHtml({ ...base, nonce: 'abc' }), /nonce/);
    assert.throws(() => panelHtml({ ...base, nonce: "x' 'unsafe-inline" }), /nonce/);
    assert.throws(() => htmlAttributes({ 'onload="x"': '1' }), /attribute name/);
  });

  it('makes a fresh 256-bit nonce every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, makeNonce));
    assert.equal(nonces.size, 100);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{43}=$/);
  });
});
