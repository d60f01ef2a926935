// Client-side routing on real URLs (History API): every page has an address that can
// be reloaded or shared, and the server answers each one with the same HTML shell.
import { useEffect, useReducer } from 'preact/hooks';
import { setState } from './store.js';

const listeners = new Set();
// Bumped on every route change; lets a component that subscribes late (effects run
// child-first, so a child may redirect before the App listens) catch up.
let version = 0;

// Set when the route changes after the first page, so the new page's h1 takes the
// focus: screen-reader users then hear that the page changed (nothing else tells
// them, since the browser does not reload).
let focusPending = false;

export function currentLocation() {
  return {
    path: window.location.pathname,
    query: new URLSearchParams(window.location.search),
  };
}

function notify() {
  version += 1;
  for (const listener of listeners) listener();
}

/**
 * Goes to `to` (a same-site path). `replace` avoids leaving a useless history entry
 * (redirects); `flash` is a one-shot message shown on the next page.
 */
export function navigate(to, { replace = false, flash = null } = {}) {
  const url = new URL(to, window.location.href);
  const target = url.pathname + url.search + url.hash;
  if (replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  setState({ flash });
  focusPending = true;
  window.scrollTo(0, 0);
  notify();
}

/** Called by the page heading once it is on screen; true only once per navigation. */
export function takeFocusRequest() {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

/** Re-renders the caller on every route change and returns the current location. */
export function useLocation() {
  const [, bump] = useReducer((n) => n + 1, 0);
  const seen = version;
  useEffect(() => {
    listeners.add(bump);
    if (version !== seen) bump();
    return () => listeners.delete(bump);
  }, []);
  return currentLocation();
}

// Paths the server answers itself (API, its documentation, static files): a click on
// them must load the real URL rather than be routed inside the page.
const SERVER_PATHS = /^\/(api|assets|vendor)(\/|$)/;

function onDocumentClick(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest?.('a[href]');
  if (!link) return;
  if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin || SERVER_PATHS.test(url.pathname)) return;
  // A link to an anchor on the same page keeps the browser's own behaviour.
  if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

export function startRouter() {
  document.addEventListener('click', onDocumentClick);
  window.addEventListener('popstate', () => {
    setState({ flash: null });
    focusPending = true;
    notify();
  });
}

/** Only same-site paths are accepted as a return address after login (no open redirect). */
export function safeReturnPath(value) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/';
  }
  return value;
}
