/**
 * Building DOM without HTML: every piece of text enters as a text node, so
 * document text, answers and server messages can never become markup.
 * @module
 */

/** Builds an element; `props` are DOM properties (textContent, className, dataset…), never HTML. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { dataset, attrs, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  if (attrs) for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child != null));
  return node;
}

/** Text with its `backticked` commands as <code> elements — built from text nodes, never parsed as HTML. */
export function withCode(text) {
  return text.split('`').map((piece, i) => (i % 2 ? el('code', { textContent: piece }) : document.createTextNode(piece)));
}

export function plural(n, word) {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}
