/** The API a pitfall is about: the groups of the /pitfalls/ index, in the order they appear. */
export const PITFALL_APIS = [
  'App lifecycle',
  'beginBackgroundTask',
  'Background URLSession',
  'BGTaskScheduler',
  'Silent push and background modes',
  'Testing and debugging',
] as const;

export type PitfallApi = (typeof PITFALL_APIS)[number];
