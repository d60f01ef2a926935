// Language and theme choices. Stored in the browser for everyone, and also in the
// account when logged in so that they follow the person to another device.
import { api } from './api.js';
import { getState, setAccount, setState } from './store.js';

async function saveToAccount(patch) {
  if (!getState().account) return;
  try {
    setAccount(await api.patch('/me', patch));
  } catch (error) {
    // The local choice already applies; failing to save it remotely is not worth
    // interrupting the person for.
    console.warn('Preference not saved to the account', error);
  }
}

export function changeLanguage(lang) {
  if (lang === getState().lang) return;
  setState({ lang });
  return saveToAccount({ language: lang });
}

export function changeTheme(theme) {
  if (theme === getState().theme) return;
  setState({ theme });
  return saveToAccount({ theme });
}
