// A small well-formedness check for the renderers' SVG strings (no XML parser among the
// dependencies): one root <svg> in the SVG namespace, every tag closed in order, attributes quoted,
// entities known, no stray '<' or '&' in text.
import assert from 'node:assert/strict';

export function assertWellFormedSvg(svg: string): void {
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  let roots = 0;
  while (i < svg.length) {
    const lt = svg.indexOf('<', i);
    const text = svg.slice(i, lt === -1 ? svg.length : lt);
    assert.doesNotMatch(
      text,
      /&(?!(amp|lt|gt|quot|#39|#x?[0-9a-f]+);)/i,
      `bad entity in ${JSON.stringify(text.slice(0, 80))}`,
    );
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(svg);
    assert.ok(m, `malformed tag at ${lt}: ${JSON.stringify(svg.slice(lt, lt + 80))}`);
    const [whole, closing, name, , selfClosing] = m;
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the wrong element at ${lt}`);
    else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
    i = lt + whole.length;
  }
  assert.deepEqual(stack, [], 'every element is closed');
  assert.equal(roots, 1, 'one root element');
}
