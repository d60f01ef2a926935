// Messages shown at the top of a form or page. Errors use role="alert" (announced
// at once); good news and information use role="status" (announced politely).
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../html.js';

/**
 * `focus`: take the keyboard focus when shown. Used when the message replaces the
 * form that had the focus, which would otherwise fall back to the top of the page.
 */
export function Alert({ kind = 'error', children, focus = false }) {
  const ref = useRef(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  if (!children) return null;
  const role = kind === 'error' ? 'alert' : 'status';
  return html`<div ref=${ref} class=${`alert alert-${kind}`} role=${role} tabindex=${focus ? '-1' : undefined}>
    <span class="alert-icon" aria-hidden="true"></span>
    <div class="alert-body">${children}</div>
  </div>`;
}
