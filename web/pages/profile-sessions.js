// Active sessions: where the account is logged in, with a way to end one, or all the
// others at once (a phone lost, a shared computer left logged in).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { formatDateTime, t } from '../i18n.js';
import { api, forgetSession, problemMessage } from '../api.js';
import { navigate } from '../router.js';
import { describeDevice } from '../device.js';
import { Alert } from '../components/Alert.js';

export function SessionsSection() {
  const headingRef = useRef(null);
  const [items, setItems] = useState(null);
  const [message, setMessage] = useState(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    try {
      const data = await api.get('/sessions');
      setItems(data.items || []);
    } catch (error) {
      setItems([]);
      setMessage({ kind: 'error', text: problemMessage(error) });
    }
  }

  useEffect(() => {
    load();
  }, []);

  async function run(action, doneText) {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      await action();
      await load();
      setMessage({ kind: 'success', text: doneText });
    } catch (error) {
      setMessage({ kind: 'error', text: problemMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  async function endThisDevice(item) {
    if (busy) return;
    setBusy(true);
    try {
      await api.del(`/sessions/${encodeURIComponent(item.id)}`);
      navigate('/connexion', { flash: t('logout.done') });
      forgetSession();
    } catch (error) {
      setMessage({ kind: 'error', text: problemMessage(error) });
      setBusy(false);
    }
  }

  async function endOther(item) {
    await run(() => api.del(`/sessions/${encodeURIComponent(item.id)}`), t('sessions.endedOne'));
    // The focused button left the list with its session: bring focus back to the section.
    headingRef.current?.focus();
  }

  function endAllOthers() {
    return run(() => api.post('/sessions/revoke-others'), t('sessions.endedOthers'));
  }

  // The current device first: it is the one people look for.
  const sorted = items ? [...items].sort((a, b) => Number(b.current) - Number(a.current)) : null;

  return html`<section class="card" aria-labelledby="sessions-title">
    <h2 id="sessions-title" tabindex="-1" ref=${headingRef}>${t('sessions.title')}</h2>
    <p class="muted">${t('sessions.intro')}</p>
    ${message ? html`<${Alert} kind=${message.kind}>${message.text}<//>` : null}
    ${sorted === null
      ? html`<p class="muted">${t('common.loading')}</p>`
      : html`<ul class="item-list">
          ${sorted.map(
            (item) => html`<li key=${item.id} class="item">
              <div class="item-text" id=${`session-${item.id}`}>
                <strong>${describeDevice(item.userAgent)}</strong>
                ${item.current ? html` <span class="badge">${t('sessions.current')}</span>` : null}
                <br />
                <span class="muted">${[
                  t('sessions.lastSeen', { date: formatDateTime(item.lastSeenAt || item.createdAt) }),
                  t('sessions.since', { date: formatDateTime(item.createdAt) }),
                ].join(' · ')}</span>
              </div>
              ${item.current
                ? html`<button type="button" class="button button-secondary" onClick=${() => endThisDevice(item)}>
                    ${t('sessions.endThis')}
                  </button>`
                : html`<button
                    type="button"
                    class="button button-secondary"
                    aria-describedby=${`session-${item.id}`}
                    onClick=${() => endOther(item)}
                  >
                    ${t('sessions.endOne')}
                  </button>`}
            </li>`,
          )}
        </ul>`}
    <p>
      <button type="button" class="button button-secondary" onClick=${endAllOthers} aria-disabled=${busy ? 'true' : undefined}>
        ${t('sessions.endOthers')}
      </button>
    </p>
  </section>`;
}
