import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initBridgeToken, watchPastedBridgeToken } from './api/client';
import { App } from './App';
import './styles/base.css';
import './styles/controls.css';
import './styles/utilities.css';
import './styles/feedback.css';
import './styles/tables.css';
import './styles/login.css';
import './styles/shell.css';
import './styles/page.css';
import './styles/catalogue.css';
import './styles/scheme.css';
import './styles/import.css';
import './styles/forms.css';
import './styles/grid.css';
import './styles/scan.css';
import './styles/pages.css';

initBridgeToken();
watchPastedBridgeToken();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
