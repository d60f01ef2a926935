// Legal notice, privacy notice and terms of use. Their text is written by the person
// who runs the site (product.md A9, /admin/parametres); until it is published we say
// who will do it. The text is plain: paragraphs only, never HTML.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { PageTitle } from '../components/PageTitle.js';
import { PlainText } from '../components/PlainText.js';

export function LegalPage({ kind }) {
  // undefined while loading, then the text ('' when not written yet or unreachable).
  const [content, setContent] = useState(undefined);
  useEffect(() => {
    let live = true;
    api
      .get(`/instance/legal/${kind}`)
      .then((data) => live && setContent(typeof data?.content === 'string' ? data.content : ''))
      .catch(() => live && setContent(''));
    return () => {
      live = false;
    };
  }, [kind]);

  let body;
  if (content === undefined) body = html`<p class="muted" role="status">${t('common.loading')}</p>`;
  else if (content.trim()) body = html`<${PlainText} text=${content} />`;
  else body = html`<p>${t('legal.pending')}</p><p>${t('legal.meanwhile')}</p>`;

  return html`<article class="narrow prose">
    <${PageTitle} title=${t(`legal.${kind}`)} />
    ${body}
    <p><a href="/">${t('common.backHome')}</a></p>
  </article>`;
}
