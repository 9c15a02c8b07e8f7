/**
 * The app code choices as the Swift listing spells them, and which listing lines a choice shows.
 * Kept apart from the listing's template so the island can ship this without the template,
 * which only the build reads.
 */

/** Each choice has two values, default first; the template's `@@else` means "the other one". */
export const listingChoices: Record<string, readonly [string, string]> = {
  sessionKind: ['background', 'default'],
  uploadSource: ['file', 'data'],
  sessionOwner: ['singleton', 'screen'],
  callsCompletionHandler: ['true', 'false'],
  expirationHandlerEndsTask: ['true', 'false'],
  beginsTaskOnBackground: ['false', 'true'],
  lifecycle: ['scene', 'appDelegate'],
  callsSetTaskCompleted: ['true', 'false'],
  callsFetchCompletionHandler: ['true', 'false'],
  registersTasksAtLaunch: ['true', 'false'],
  releasesFileLocks: ['true', 'false'],
  reportsProgress: ['true', 'false'],
};

/** The other value of a two-valued choice. */
export function opposite(key: string, value: string): string {
  const pair = listingChoices[key];
  if (!pair) throw new Error(`swift-listing: unknown choice ${key}`);
  return pair[0] === value ? pair[1] : pair[0];
}

/** The value of a choice as the template spells it, defaults included. */
export function choiceValue(app: Record<string, unknown>, key: string): string {
  const value = app[key];
  if (value === undefined) return listingChoices[key]?.[0] ?? '';
  return String(value);
}

/** True when a line belongs to the variant of `app`. */
export function lineShown(
  line: { when?: readonly (readonly [string, string])[] },
  app: Record<string, unknown>,
): boolean {
  return !line.when || line.when.every(([key, value]) => choiceValue(app, key) === value);
}
