import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadLanguage, storedLang } from './i18n';
import './styles.css';
import './print.css';

const root = document.getElementById('root');
// A clerk who chose English last time sees it from the first paint (its chunk first);
// Vietnamese is already here. Should English fail to load, the app opens in Vietnamese.
const ready = storedLang() === 'vi' ? Promise.resolve() : loadLanguage(storedLang()).catch(() => {});
if (root) {
  void ready.then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
