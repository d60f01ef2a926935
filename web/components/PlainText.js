// Text written by a person (legal pages, announcements) shown as paragraphs: a blank
// line starts a new paragraph, a single line break stays a line break. Rendered as
// text nodes only, so nothing typed can become HTML on the page.
import { html } from '../html.js';

export function paragraphsOf(text) {
  return String(text || '')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
}

export function PlainText({ text }) {
  return paragraphsOf(text).map((block, index) => {
    const lines = block.split('\n');
    return html`<p key=${index}>${lines.map((line, i) => (i === 0 ? line : html`<br />${line}`))}</p>`;
  });
}
