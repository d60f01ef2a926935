// Boot: apply saved preferences, ask the server who is logged in, then render the
// page matching the URL. Every page URL gets the same HTML shell from the server.
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { html } from './html.js';
import { loadSession } from './api.js';
import { applyDocumentPrefs, useStore } from './store.js';
import { navigate, safeReturnPath, startRouter, useLocation } from './router.js';
import { t } from './i18n.js';
import { Layout } from './components/Layout.js';
import { HomePage } from './pages/home.js';
import { RegisterPage } from './pages/register.js';
import { ActivationPage } from './pages/activation.js';
import { LoginPage } from './pages/login.js';
import { ForgotPasswordPage } from './pages/forgot-password.js';
import { ResetPasswordPage } from './pages/reset-password.js';
import { ProfilePage } from './pages/profile.js';
import { ChangePasswordPage } from './pages/change-password.js';
import { ChangeEmailPage } from './pages/change-email.js';
import { ConfirmEmailPage } from './pages/confirm-email.js';
import { DeleteAccountPage } from './pages/delete-account.js';
import { LegalPage } from './pages/legal.js';
import { NotFoundPage } from './pages/not-found.js';
import { associationRoutes } from './routes/associations.js';
import { memberRoutes } from './routes/members.js';
import { adminRoutes } from './routes/admin.js';
import { declarationRoutes } from './routes/declarations.js';
import { newsRoutes } from './routes/news.js';
import { importRoutes } from './routes/imports.js';
import { attestationRoutes } from './routes/attestations.js';
import { cecRoutes } from './routes/cec.js';
import { valuationRoutes } from './routes/valuation.js';

// auth: "user" = logged-in only (others go to the login page, then come back);
// "guest" = pointless once logged in (login, registration).
const routes = {
  '/': { page: HomePage },
  '/inscription': { page: RegisterPage, auth: 'guest' },
  '/activation': { page: ActivationPage },
  '/connexion': { page: LoginPage, auth: 'guest' },
  '/mot-de-passe-oublie': { page: ForgotPasswordPage },
  '/reinitialisation': { page: ResetPasswordPage },
  '/profil': { page: ProfilePage, auth: 'user' },
  '/profil/mot-de-passe': { page: ChangePasswordPage, auth: 'user' },
  '/profil/email': { page: ChangeEmailPage, auth: 'user' },
  // Works logged out too: the link may be opened on another device (the token is enough).
  '/confirmation-email': { page: ConfirmEmailPage },
  '/profil/suppression': { page: DeleteAccountPage, auth: 'user' },
  '/mentions-legales': { page: LegalPage, props: { kind: 'notice' } },
  '/conditions': { page: LegalPage, props: { kind: 'terms' } },
  // Each domain adds its own pages; patterns may hold parameters, e.g. /associations/:handle.
  ...associationRoutes,
  ...memberRoutes,
  ...adminRoutes,
  ...declarationRoutes,
  ...newsRoutes,
  ...importRoutes,
  ...attestationRoutes,
  // The privacy notice (/confidentialite) is there too, with the data download.
  ...cecRoutes,
  ...valuationRoutes,
};

// Patterns with parameters, compiled once: '/associations/:handle' → /^\/associations\/([^/]+)$/.
const patterns = Object.entries(routes)
  .filter(([pattern]) => pattern.includes(':'))
  .map(([pattern, route]) => ({
    names: [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]),
    regex: new RegExp(`^${pattern.replace(/:(\w+)/g, '([^/]+)')}$`),
    route,
  }));

/** The route for a path, and its parameters (decoded) for pages like /associations/:handle. */
function match(path) {
  if (routes[path] && !path.includes(':')) return { route: routes[path], params: {} };
  for (const { names, regex, route } of patterns) {
    const m = regex.exec(path);
    if (m) return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return { route: { page: NotFoundPage }, params: {} };
}

function Redirect({ to, flash }) {
  useEffect(() => navigate(to, { replace: true, flash }), [to]);
  return null;
}

function App() {
  const state = useStore();
  const { path, query } = useLocation();
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const { route, params } = match(normalised);

  let content;
  if (route.auth === 'user' && !state.account) {
    const back = normalised + window.location.search;
    content = html`<${Redirect} to=${`/connexion?retour=${encodeURIComponent(back)}`} flash=${t('auth.loginFirst')} />`;
  } else if (route.auth === 'guest' && state.account) {
    content = html`<${Redirect} to=${safeReturnPath(query.get('retour'))} />`;
  } else {
    // key: a new page component per URL, so each page starts fresh and its h1 takes focus.
    content = html`<${route.page} key=${normalised} query=${query} params=${params} account=${state.account} ...${route.props || {}} />`;
  }
  return html`<${Layout} state=${state} path=${normalised}>${content}<//>`;
}

applyDocumentPrefs();
startRouter();
try {
  await loadSession();
} catch (error) {
  // The server answered oddly: show the site logged out rather than a blank page.
  console.error(error);
}
render(html`<${App} />`, document.getElementById('app'));
