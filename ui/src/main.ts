import '@gouvfr/dsfr/dist/dsfr.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-system/icons-system.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-document/icons-document.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-business/icons-business.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-user/icons-user.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-editor/icons-editor.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-design/icons-design.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-arrows/icons-arrows.main.min.css';
import './app/app.css';

import { mount } from 'svelte';
import App from './app/App.svelte';
import { backend } from './lib/backend';
import { locale } from './lib/i18n.svelte';

document.documentElement.lang = locale.lang;

const app = mount(App, { target: document.getElementById('app')! });

// Tell the shell once that the first screen is painted (it measures start-up time).
requestAnimationFrame(() => {
  setTimeout(() => {
    backend.reportFirstPaint().catch(() => {});
  }, 0);
});

export default app;
