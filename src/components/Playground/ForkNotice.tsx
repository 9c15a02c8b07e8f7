/**
 * Says how many later steps acting while rewound dropped, with the button that brings them back.
 */
import type { Fork } from '../../playground/player.machine.ts';
import './run-tools.css';

export function ForkNotice(props: { fork: Fork | null; ready: boolean; onUndo: () => void }) {
  const { fork, ready, onUndo } = props;
  if (!fork) return null;
  const steps = fork.dropped === 1 ? '1 later step' : `${fork.dropped} later steps`;
  return (
    <p className="pg-fork">
      <span>Dropped {steps}.</span>
      <button type="button" disabled={!ready} onClick={onUndo}>
        Undo
      </button>
    </p>
  );
}
