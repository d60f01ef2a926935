// Pieces shared by the CEC, passport and personal-data pages: a loader with an error
// notice, durations and dates in the person's language, the function in words.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { useNotice } from '../members/common.js';

export { formatDuration } from '../declarations/format.js';
export { formatDay, Status, plural, useNotice } from '../members/common.js';

/** GET `path` whenever it changes; `data` is null while loading. */
export function useApi(path) {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [version, setVersion] = useState(0);
  const notice = useNotice();
  const shown = useRef(null);
  useEffect(() => {
    let live = true;
    // A reload of the same path keeps the page on screen (and its messages) until the answer.
    if (shown.current !== path) setData(null);
    shown.current = path;
    setError(null);
    api
      .get(path)
      .then((value) => live && setData(value))
      .catch((failure) => {
        if (!live) return;
        setError(failure);
        notice.failure(failure);
      });
    return () => {
      live = false;
    };
  }, [path, version]);
  return { data, error, notice, reload: () => setVersion((v) => v + 1) };
}

export const functionLabel = (fn) => t(`cec.function.${fn || 'none'}`);

/** The loading line, announced to screen readers. */
export const Loading = ({ text }) => html`<p class="muted" role="status">${text || t('common.loading')}</p>`;
