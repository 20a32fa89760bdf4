/**
 * True when this page is framed by a page of another origin. A meta tag cannot carry
 * `frame-ancestors` (see README, "Hosting it"), so the app checks for itself at start-up.
 */
export function framedByAnotherOrigin(): boolean {
  if (window.top === window.self) return false;
  try {
    // Reading a cross-origin parent's location throws.
    return window.top?.location.origin !== window.location.origin;
  } catch {
    return true;
  }
}

/** Shown instead of the app inside another site's frame, where it could be used for clickjacking. */
export function FrameRefusal() {
  return (
    <main className="frame-refusal" data-testid="frame-refusal">
      <h1>Reasoning Viewer does not run inside another site</h1>
      <p>
        This page was loaded in a frame of another origin. So that no other page can overlay it or
        click for you (API keys are entered here), the app does not start in a frame.
      </p>
      <p>
        <a href={window.location.href} target="_blank" rel="noopener noreferrer">
          Open Reasoning Viewer in its own tab
        </a>
      </p>
    </main>
  );
}
