/**
 * Markdown (`.md`, `.markdown`): markup stripped lightly so the text reads as
 * prose — heading marks, emphasis, link and image syntax go, their words stay;
 * fenced code keeps its code. Not a Markdown parser: a few line-wise rules that
 * are right for the documents people keep in a folder.
 * @module
 */
import { decodeText } from './decode.js';
import type { Extracted, Loader } from './types.js';

export const loadMarkdown: Loader = async (bytes) => stripMarkdown(decodeText(bytes));

const FENCE = /^\s{0,3}(```|~~~)/;
const ATX_HEADING = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;

/** Plain text of a Markdown document, and its title: front matter `title:`, else the first `#` heading. */
export function stripMarkdown(markdown: string): Extracted {
  let source = markdown.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?-->/g, '');
  let title: string | undefined;
  const frontMatter = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\n/.exec(source);
  if (frontMatter) {
    title = /^title:\s*["']?(.*?)["']?\s*$/m.exec(frontMatter[1] ?? '')?.[1] || undefined;
    source = source.slice(frontMatter[0].length);
  }

  const out: string[] = [];
  let inFence = false;
  for (const line of source.split('\n')) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(line);
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      const text = stripInline(heading[1] ?? '');
      if (title === undefined && /^\s{0,3}#\s/.test(line) && text) title = text;
      out.push(text);
      continue;
    }
    // Horizontal rules, setext underlines and link reference definitions carry no words.
    if (/^\s{0,3}([-*_=])(\s*\1){2,}\s*$/.test(line) || /^\s{0,3}\[[^\]]+\]:\s+\S/.test(line)) continue;
    out.push(stripInline(line.replace(/^\s{0,3}(>\s?)+/, '')));
  }
  return title === undefined ? { text: out.join('\n') } : { text: out.join('\n'), title };
}

/** Inline markup → its words. */
export function stripInline(line: string): string {
  return (
    line
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      // Single `*`/`_` only around words, so `snake_case` and `2 * 3` survive.
      .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2')
      .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
  );
}
