// /confidentialite — the privacy notice (product.md B4) in plain words: what this site
// keeps, why, who sees it, what goes to other sites, for how long, and the rights — the
// same on every site since the software decides it — then the text the site's operator
// writes (who they are, how to reach them; /admin/parametres), and the data download.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { PageTitle } from '../../components/PageTitle.js';
import { PlainText } from '../../components/PlainText.js';

/** « Télécharger mes données »: a plain link, so the browser shows the download. */
export function DataDownload({ account }) {
  if (!account) return html`<p><a href="/connexion?retour=%2Fconfidentialite">${t('privacy.loginToDownload')}</a></p>`;
  return html`<p class="actions">
      <a class="button button-primary" href="/api/v1/me/data" download>${t('privacy.download')}</a>
    </p>
    <p class="hint">${t('privacy.downloadHint')}</p>`;
}

/** The card of the profile page: the download and the notice. */
export function PrivacySection({ account }) {
  return html`<section class="card" aria-labelledby="privacy-section">
    <h2 id="privacy-section">${t('privacy.profileSection')}</h2>
    <p>${t('privacy.profileText')}</p>
    <${DataDownload} account=${account} />
    <p><a href="/confidentialite">${t('privacy.readNotice')}</a></p>
  </section>`;
}

const PARTS = ['why', 'who', 'sites', 'how', 'rights'];

export function PrivacyPage({ account }) {
  const [siteText, setSiteText] = useState('');
  useEffect(() => {
    let live = true;
    api
      .get('/instance/legal/privacy')
      .then((data) => live && setSiteText(typeof data?.content === 'string' ? data.content : ''))
      .catch(() => live && setSiteText(''));
    return () => {
      live = false;
    };
  }, []);
  return html`<article class="narrow prose">
    <${PageTitle} title=${t('privacy.title')} />
    <p class="lead">${t('privacy.lead')}</p>
    <${DataDownload} account=${account} />
    <h2>${t('privacy.what.title')}</h2>
    <ul>
      ${['account', 'memberships', 'declarations', 'technical'].map((k) => html`<li key=${k}>${t(`privacy.what.${k}`)}</li>`)}
    </ul>
    ${PARTS.map((k) => html`<section key=${k} aria-labelledby=${`privacy-${k}`}>
      <h2 id=${`privacy-${k}`}>${t(`privacy.${k}.title`)}</h2>
      <p>${t(`privacy.${k}.text`)}</p>
    </section>`)}
    ${account ? html`<p><a href="/profil/suppression">${t('privacy.delete')}</a></p>` : null}
    <h2>${t('privacy.site.title')}</h2>
    ${siteText.trim() ? html`<${PlainText} text=${siteText} />` : html`<p>${t('legal.pending')}</p><p>${t('legal.meanwhile')}</p>`}
    <p><a href="/">${t('common.backHome')}</a></p>
  </article>`;
}
