// Picture of the person, or their initials on a colour chosen by the server
// (avatarColor 0–7, derived from the account's creation time, product.md A1).
// Always decorative: the name is written next to it.
import { html } from '../html.js';

export function Avatar({ account, size = 'md' }) {
  if (!account) return null;
  if (account.avatarUrl) {
    return html`<img class=${`avatar avatar-${size}`} src=${account.avatarUrl} alt="" width="256" height="256" />`;
  }
  const colour = Number.isInteger(account.avatarColor) ? ((account.avatarColor % 8) + 8) % 8 : 0;
  return html`<span class=${`avatar avatar-${size} avatar-initials avatar-c${colour}`} aria-hidden="true"
    >${account.initials || '?'}</span
  >`;
}
