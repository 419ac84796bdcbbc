/**
 * The safe subset of Markdown an LLM writes in answers, as DOM: paragraphs,
 * bullet and numbered lists, headings (shown as bold lines), fenced code
 * blocks, **bold**, *italic* and `code`. Links show their text only. Nothing
 * is ever parsed as HTML: the structure is built with createElement and every
 * character of the answer enters as a text node, so `<img onerror>` in an
 * answer stays the text it is.
 *
 * Text runs go through `renderRun(text)` (which turns citation markers into
 * chips); code keeps its text as is.
 * @module
 */
import { el } from './dom.js';

const FENCE = /^\s*(```|~~~)/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const HEADING = /^\s*#{1,6}\s+(.*?)\s*#*\s*$/;

/**
 * @typedef {{ type: 'p' | 'h', text: string }
 *   | { type: 'ul' | 'ol', items: string[], start: number }
 *   | { type: 'code', text: string }} Block
 */

/** The answer's blocks, line by line. @returns {Block[]} */
export function parseBlocks(text) {
  const blocks = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let paragraph = [];
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ type: 'p', text: paragraph.join('\n') });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      endParagraph();
      const code = [];
      while (++i < lines.length && !lines[i].trim().startsWith(fence[1])) code.push(lines[i]);
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      endParagraph();
      const type = bullet ? 'ul' : 'ol';
      const last = blocks.at(-1);
      const item = bullet ? bullet[1] : numbered[2];
      if (last?.type === type) last.items.push(item);
      else blocks.push({ type, items: [item], start: numbered ? Number(numbered[1]) : 1 });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      endParagraph();
      blocks.push({ type: 'h', text: heading[1] });
      continue;
    }
    if (line.trim() === '') endParagraph();
    // A wrapped line under a list item belongs to that item.
    else if (paragraph.length === 0 && /^\s+\S/.test(line) && (blocks.at(-1)?.type === 'ul' || blocks.at(-1)?.type === 'ol')) blocks.at(-1).items.push(`${blocks.at(-1).items.pop()} ${line.trim()}`);
    else paragraph.push(line.trim());
  }
  endParagraph();
  return blocks;
}

/**
 * Inline spans: `code`, **bold** / __bold__, *italic* / _italic_ (underscores
 * only at word edges, so snake_case stays), [text](url) as its text.
 */
const INLINE = /(`+)([^`]+?)\1|\*\*(?=\S)([\s\S]+?)(?<=\S)\*\*|__(?=\S)([\s\S]+?)(?<=\S)__|\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*|(?<![\p{L}\p{N}_])_(?=\S)([^_]+?)(?<=\S)_(?![\p{L}\p{N}_])|\[([^\]]+)\]\((?:[^()\s]+)\)/gu;

/** @typedef {{ type: 'text' | 'code', text: string } | { type: 'strong' | 'em', children: Inline[] }} Inline */

/** @returns {Inline[]} */
export function parseInline(text) {
  const out = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) out.push({ type: 'text', text: text.slice(last, match.index) });
    const [, , code, bold, bold2, em, em2, link] = match;
    if (code !== undefined) out.push({ type: 'code', text: code });
    else if (bold !== undefined || bold2 !== undefined) out.push({ type: 'strong', children: parseInline(bold ?? bold2) });
    else if (em !== undefined || em2 !== undefined) out.push({ type: 'em', children: parseInline(em ?? em2) });
    else out.push(...parseInline(link));
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

/**
 * The answer as DOM nodes. `renderRun(text)` returns the nodes for one run of
 * plain text (text nodes and citation chips); it is called in reading order.
 * @param {(text: string) => Node[]} renderRun
 */
export function renderMarkdown(text, renderRun) {
  const inline = (source) => parseInline(source).flatMap(function toNodes(part) {
    if (part.type === 'text') return renderRun(part.text);
    if (part.type === 'code') return [el('code', { textContent: part.text })];
    return [el(part.type, {}, ...part.children.flatMap(toNodes))];
  });
  return parseBlocks(text).map((block, i) => {
    // Blocks read as separate sentences: a quote must not run two blocks' words together.
    if (i > 0) renderRun(' ');
    if (block.type === 'code') return el('pre', {}, el('code', { textContent: block.text }));
    if (block.type === 'h') return el('p', { className: 'md-heading' }, el('strong', {}, ...inline(block.text)));
    if (block.type === 'p') return el('p', {}, ...inline(block.text));
    const list = el(block.type, block.type === 'ol' && block.start !== 1 ? { start: block.start } : {});
    block.items.forEach((item, j) => {
      if (j > 0) renderRun(' ');
      list.append(el('li', {}, ...inline(item)));
    });
    return list;
  });
}
