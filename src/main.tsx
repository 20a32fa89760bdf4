import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { FrameRefusal, framedByAnotherOrigin } from './app/FrameRefusal';
import './app/styles.css';

createRoot(document.getElementById('root')!).render(<StrictMode>{framedByAnotherOrigin() ? <FrameRefusal /> : <App />}</StrictMode>);
