// Entry: one client for the window, stores bound to it, then the UI.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { studio } from './api/index.ts';
import { App } from './App.tsx';
import { bindAssistantDevice } from './features/access/assistant-device.ts';
import { bindStores } from './stores/index.ts';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/overlays.css';
import './styles/feedback.css';
import './styles/catalog.css';
import './styles/coupons.css';
import './styles/live.css';
import './styles/screens.css';
import './styles/access.css';
import './styles/stream.css';
import './styles/stream-source.css';
import './styles/overlay.css';
import './styles/orders.css';
import './styles/data-table.css';
import './styles/order-detail.css';
import './styles/orders-report.css';
import './styles/clips.css';
import './styles/order-entry.css';

bindStores(studio);
bindAssistantDevice(studio);
studio.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
