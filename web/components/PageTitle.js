// The page's single h1. It also names the browser tab and, after a route change,
// takes the keyboard focus so that screen readers announce the new page.
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../html.js';
import { takeFocusRequest } from '../router.js';

export function PageTitle({ title, children }) {
  const ref = useRef(null);
  useEffect(() => {
    document.title = `${title} – Bénévalibre`;
  }, [title]);
  useEffect(() => {
    // tabindex="-1": focusable by script only, never a stop when tabbing.
    if (takeFocusRequest()) ref.current?.focus();
  }, []);
  return html`<h1 ref=${ref} tabindex="-1" class="page-title">${children || title}</h1>`;
}
