/**
 * The simulated iPhone, drawn with HTML and CSS from a SimView: status bar, home screen, the app,
 * the app switcher, the lock screen, and what a person sees of background work (transfer
 * progress, a continued-processing Live Activity, notification banners).
 */
import type { SimView } from '../../sim/index.ts';
import { formatMs } from '../../playground/controls.ts';

export const STATE_WORDS: Record<SimView['app']['state'], string> = {
  notRunning: 'not running',
  inactive: 'inactive',
  active: 'active',
  background: 'in the background',
  suspended: 'suspended',
};

/** A wall-clock reading for the status bar: the run starts at 9:41, as Apple's screenshots do. */
function clock(ms: number): string {
  const minutes = 9 * 60 + 41 + Math.floor(ms / 60_000);
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return `${h}:${String(m).padStart(2, '0')}`;
}

function percent(done: number, total: number): number {
  return total > 0 ? Math.round((done / total) * 100) : 0;
}

const TRANSFER_WORDS: Record<string, string> = {
  running: 'Sending',
  waiting: 'Waiting',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** How long a banner stays on screen after it is posted, unless it came in the step just taken. */
const BANNER_MS = 10_000;

/**
 * The phone itself. `since` is when the step on screen began: a banner posted during it stays
 * up, so a step that jumps ten minutes still shows the notification it produced.
 */
export function Phone({ view, since = view.timeMs }: { view: SimView; since?: number }) {
  const shownFrom = Math.min(since, view.timeMs - BANNER_MS);
  const recent = view.notifications.filter((n) => n.atMs >= shownFrom);
  const banner = view.screen !== 'lock' ? recent[recent.length - 1] : undefined;
  return (
    <div className="pg-phone" role="group" aria-label="Simulated iPhone" data-screen={view.screen}>
      <div className="pg-statusbar">
        <span>{clock(view.timeMs)}</span>
        {view.liveActivity && view.screen !== 'lock' ? (
          <span
            className="pg-island"
            role="img"
            aria-label={`Live Activity: ${view.liveActivity.title}, ${Math.round(view.liveActivity.progress * 100)}% done`}
          >
            <span
              className="pg-island-bar"
              style={{ width: `${Math.round(view.liveActivity.progress * 100)}%` }}
            />
          </span>
        ) : null}
        <span className="pg-status-right">
          <span>{view.network === 'online' ? 'Wi‑Fi' : 'No network'}</span>
          <span className={view.lowPowerMode ? 'pg-battery pg-battery--low' : 'pg-battery'}>
            {view.power === 'charging' ? 'Charging' : 'Battery'}
            {view.lowPowerMode ? ' · Low Power' : ''}
          </span>
        </span>
      </div>

      {banner ? (
        <div className="pg-banner">
          <strong>{banner.title}</strong>
          <span>{banner.body}</span>
        </div>
      ) : null}

      <div className="pg-screen">
        {view.screen === 'home' ? <HomeScreen /> : null}
        {view.screen === 'app' ? <AppScreen view={view} /> : null}
        {view.screen === 'switcher' ? <Switcher view={view} /> : null}
        {view.screen === 'lock' ? <LockScreen view={view} /> : null}
      </div>
      <div className="pg-home-indicator" aria-hidden="true" />
    </div>
  );
}

function HomeScreen() {
  return (
    <div className="pg-home">
      <p className="pg-sr">Home screen</p>
      <div className="pg-icons" aria-hidden="true">
        <span className="pg-icon pg-icon--app">
          <span className="pg-icon-glyph">↑</span>
          <span className="pg-icon-label">Uploads</span>
        </span>
        {['Mail', 'Photos', 'Maps', 'Notes', 'Music', 'Files', 'Settings'].map((name) => (
          <span key={name} className="pg-icon">
            <span className="pg-icon-glyph" />
            <span className="pg-icon-label">{name}</span>
          </span>
        ))}
      </div>
    </div>
  );
}

/** As many transfer rows as the phone's screen holds; the newest are the ones that matter. */
const TRANSFER_ROWS = 6;

function Transfers({ view }: { view: SimView }) {
  if (view.transfers.length === 0) return <p className="pg-empty">No uploads yet.</p>;
  const earlier = Math.max(0, view.transfers.length - TRANSFER_ROWS);
  return (
    <ul className="pg-transfers">
      {earlier > 0 ? (
        <li className="pg-transfers-earlier">
          {earlier} earlier transfer{earlier === 1 ? '' : 's'}
        </li>
      ) : null}
      {view.transfers.slice(earlier).map((t) => {
        const pct = percent(t.bytesDone, t.bytesTotal);
        return (
          <li key={t.id} data-state={t.state}>
            <span className="pg-transfer-name">{t.id}</span>
            <span className="pg-transfer-state">
              {TRANSFER_WORDS[t.state] ?? t.state}
              {t.state === 'running' || t.state === 'waiting' ? ` · ${pct}%` : ''}
            </span>
            <span
              className="pg-progress"
              role="progressbar"
              aria-label={`${t.id} progress`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
            >
              <span style={{ width: `${pct}%` }} />
            </span>
            {t.error ? <span className="pg-transfer-error">{t.error}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function AppScreen({ view }: { view: SimView }) {
  return (
    <div className="pg-app">
      <p className="pg-app-title">Uploads</p>
      <Transfers view={view} />
    </div>
  );
}

function Switcher({ view }: { view: SimView }) {
  const hasCard = view.app.state !== 'notRunning' || view.app.inMemory;
  return (
    <div className="pg-switcher">
      <p className="pg-sr">App switcher</p>
      {hasCard ? (
        <div className="pg-card">
          <p className="pg-card-title">Uploads</p>
          <div className="pg-card-body">
            <Transfers view={view} />
          </div>
        </div>
      ) : (
        <p className="pg-empty">No recent apps</p>
      )}
    </div>
  );
}

function LockScreen({ view }: { view: SimView }) {
  return (
    <div className="pg-lock">
      <p className="pg-lock-time">{clock(view.timeMs)}</p>
      <p className="pg-sr">Lock screen</p>
      {view.liveActivity ? (
        <div className="pg-activity">
          <strong>{view.liveActivity.title}</strong>
          <span
            className="pg-progress"
            role="progressbar"
            aria-label={`${view.liveActivity.title} progress`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(view.liveActivity.progress * 100)}
          >
            <span style={{ width: `${Math.round(view.liveActivity.progress * 100)}%` }} />
          </span>
        </div>
      ) : null}
      {view.notifications
        .slice(-3)
        .reverse()
        .map((n, i) => (
          <div key={`${n.atMs}-${i}`} className="pg-banner pg-banner--lock">
            <strong>{n.title}</strong>
            <span>{n.body}</span>
          </div>
        ))}
    </div>
  );
}

/** "1 in progress, 2 waiting, 3 completed": the transfers counted by how they stand. */
function transferCounts(transfers: SimView['transfers']): string {
  if (transfers.length === 0) return 'none';
  const count = (states: readonly string[]) =>
    transfers.filter((t) => states.includes(t.state)).length;
  const parts: [number, string][] = [
    [count(['running']), 'in progress'],
    [count(['waiting']), 'waiting'],
    [count(['completed']), 'completed'],
    [count(['failed']), 'failed'],
    [count(['cancelled']), 'cancelled'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
    .join(', ');
}

/** A plain-text reading of what the phone cannot show: the app's state and the daemons' work. */
export function StateReadout({ view }: { view: SimView }) {
  const tasks = view.backgroundTasks.filter((t) => t.state === 'running').length;
  const pending = view.scheduledTasks.filter((t) => t.state === 'pending' || t.state === 'running');
  return (
    <dl className="pg-readout">
      <div>
        <dt>App</dt>
        <dd data-app-state={view.app.state}>{STATE_WORDS[view.app.state]}</dd>
      </div>
      {view.app.backgroundTimeRemainingMs !== null ? (
        <div>
          <dt>
            <code>backgroundTimeRemaining</code>
          </dt>
          <dd>
            {view.app.backgroundTimeRemainingMs === Number.MAX_VALUE
              ? 'DBL_MAX (foreground)'
              : formatMs(view.app.backgroundTimeRemainingMs)}
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Transfers</dt>
        <dd>{transferCounts(view.transfers)}</dd>
      </div>
      {tasks > 0 ? (
        <div>
          <dt>Background tasks</dt>
          <dd>{tasks} running</dd>
        </div>
      ) : null}
      {pending.length > 0 ? (
        <div>
          <dt>Scheduled</dt>
          <dd>{pending.map((t) => `${t.kind} (${t.state})`).join(', ')}</dd>
        </div>
      ) : null}
    </dl>
  );
}
