/**
 * Small questions about a summary that the challenges' checks are built from. They read only
 * the contract's fields (states, reasons, callback names from CALLBACK), never log wording, so
 * they keep holding while the model's timings and crash codes are corrected.
 */
import type { Summary, TerminationReason, TransferSummary } from '../sim/index.ts';

/** The run's uploads, in the order they were started. */
export function uploads(summary: Summary): TransferSummary[] {
  return summary.transfers.filter((t) => t.kind === 'upload');
}

/** How many of the run's uploads completed. */
export function uploadsCompleted(summary: Summary): number {
  return uploads(summary).filter((t) => t.state === 'completed').length;
}

/** Whether the app was ever terminated for this reason. */
export function terminatedBy(summary: Summary, reason: TerminationReason): boolean {
  return summary.app.terminations.some((t) => t.reason === reason);
}

/** How many times the app's code saw this callback. */
export function callbackCount(summary: Summary, name: string): number {
  return summary.callbacks.filter((c) => c.name === name).length;
}

/** How many scheduled tasks of this kind completed. */
export function scheduledCompleted(
  summary: Summary,
  kind: 'appRefresh' | 'processing' | 'continuedProcessing',
): number {
  return summary.scheduledTasks.filter((t) => t.kind === kind && t.state === 'completed').length;
}

/** "1 upload" or "3 uploads". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The app's state as a person would say it. */
export function stateWords(summary: Summary): string {
  const words: Record<Summary['app']['state'], string> = {
    notRunning: 'not running',
    inactive: 'on screen but inactive',
    active: 'on screen and active',
    background: 'running in the background',
    suspended: 'suspended',
  };
  return words[summary.app.state];
}
