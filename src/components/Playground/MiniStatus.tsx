/**
 * On a narrow screen the phone and the narration are a screen above the controls, so acting
 * seemed to do nothing. This line stays in view above the controls while they scroll: the step,
 * the app's state and the start of the narration. It shows only where the layout stacks.
 */
import type { SimView } from '../../sim/index.ts';
import { formatMs } from '../../playground/controls.ts';
import { STATE_WORDS } from './Phone.tsx';
import './run-tools.css';

export function MiniStatus(props: {
  cursor: number;
  total: number;
  view: SimView;
  narration: string;
}) {
  const { cursor, total, view, narration } = props;
  return (
    <div className="pg-mini" role="note" aria-label="Now">
      <p className="pg-mini-where">
        Step {cursor} of {total} · {formatMs(view.timeMs)} · App: {STATE_WORDS[view.app.state]}
      </p>
      <p className="pg-mini-said">{narration}</p>
    </div>
  );
}
