/**
 * The shape of a challenge on the learning path: plain data plus one pure check over the
 * simulation's summary, so a unit test and the page judge a run the same way.
 */
import type { AppCode, Scenario, ScenarioEvent, Summary } from '../sim/index.ts';

/** Where the path stands in the sequence of topics, for the /learn/ list's groups. */
export type Topic =
  'The app lifecycle' | 'Extra time' | 'Background transfers' | 'BGTaskScheduler' | 'Silent push';

/** A step the reader may add to the run: one button that appends one scenario event. */
export interface Control {
  label: string;
  event: ScenarioEvent;
}

/** A public page that backs a claim. */
export interface Source {
  title: string;
  url: string;
}

/** A page of this site that the challenge teaches. */
export interface SiteLink {
  slug: string;
  title: string;
}

/** A question asked before a step of the starting scenario runs. */
export interface Prediction {
  /** The run pauses before this event of `start.events` (an index). */
  beforeStep: number;
  question: string;
  choices: { id: string; label: string }[];
  answer: string;
  explanation: string;
  source: Source;
}

/** What a check says about a run: solved or not, and what a person would see. */
export interface CheckResult {
  solved: boolean;
  /** One sentence about the run's outcome, announced after every step. */
  status: string;
}

/** App code keys a challenge lets the reader change. */
export type AppCodeKey = keyof AppCode;

export interface Challenge {
  slug: string;
  title: string;
  topic: Topic;
  /** One line for the path: what the reader learns here. */
  teaches: string;
  /** The goal as an outcome a person can see. */
  goal: string;
  /** A plain version-1 scenario the reader starts from. */
  start: Scenario;
  /** The steps the reader may add, and only those. */
  controls: Control[];
  /** The app code choices the reader may flip, and only those. */
  appChoices: AppCodeKey[];
  /** Reads the summary of the whole run (starting scenario plus the reader's steps). */
  check: (summary: Summary) => CheckResult;
  hints: string[];
  /** A run that passes the check; "Show solution" opens it in the playground. */
  solution: Scenario;
  guide: SiteLink;
  pitfall?: SiteLink;
  prediction?: Prediction;
  /**
   * Set on a challenge that cannot be solved on purpose. It counts as done once the reader has
   * changed the run at least once and then opened this explanation.
   */
  impossible?: { why: string; source: Source };
}
