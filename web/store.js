// Tiny shared state: who is logged in, the interface language and theme, and a
// one-shot message shown after a redirect. A hand-written store is enough here and
// keeps the front end free of any build step or extra dependency.
import { useEffect, useReducer } from 'preact/hooks';

const LANG_KEY = 'benevalibre.lang';
const THEME_KEY = 'benevalibre.theme';
const LANGS = ['fr', 'en'];
const THEMES = ['light', 'dark', 'auto'];

// localStorage throws in some privacy modes; the site must still work there.
function readStored(key, allowed, fallback) {
  try {
    const value = window.localStorage.getItem(key);
    return allowed.includes(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

function writeStored(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Ignored: the choice then lasts for this visit only.
  }
}

const state = {
  account: null,
  // French first (ux.md): English only when the person chose it.
  lang: readStored(LANG_KEY, LANGS, 'fr'),
  theme: readStored(THEME_KEY, THEMES, 'auto'),
  flash: null,
};

const listeners = new Set();
// Bumped on every change, so that a component subscribing in an effect can tell it
// missed one between its render and its subscription (effects run child-first).
let version = 0;

export function getState() {
  return state;
}

export function setState(patch) {
  Object.assign(state, patch);
  if ('lang' in patch) writeStored(LANG_KEY, state.lang);
  if ('theme' in patch) writeStored(THEME_KEY, state.theme);
  applyDocumentPrefs();
  version += 1;
  for (const listener of listeners) listener();
}

/** Logged-in account: its saved language and theme win over the local choice. */
export function setAccount(account) {
  if (!account) {
    setState({ account: null });
    return;
  }
  const patch = { account };
  if (LANGS.includes(account.language)) patch.lang = account.language;
  if (THEMES.includes(account.theme)) patch.theme = account.theme;
  setState(patch);
}

export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the calling component whenever the shared state changes. */
export function useStore() {
  const [, bump] = useReducer((n) => n + 1, 0);
  const seen = version;
  useEffect(() => {
    const unsubscribe = subscribe(bump);
    if (version !== seen) bump();
    return unsubscribe;
  }, []);
  return state;
}

// <html lang> drives screen-reader pronunciation; data-theme drives the CSS palette
// ("auto" defers to prefers-color-scheme in styles).
export function applyDocumentPrefs() {
  const root = document.documentElement;
  if (root.lang !== state.lang) root.lang = state.lang;
  if (root.dataset.theme !== state.theme) root.dataset.theme = state.theme;
}
