import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initBridgeToken } from './api/client';
import { App } from './App';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/grid.css';

initBridgeToken();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
